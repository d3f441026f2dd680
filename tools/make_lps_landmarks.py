#!/usr/bin/env python3
"""Derived data of the Lee Perry-Smith scan, made once and stored with the asset: 68 landmarks, model frame, AO.

    python tools/make_lps_landmarks.py [--out neural_face/assets/lee_perry_smith/landmarks.json]

How: render the scan frontally (textured, lit) with the package's own rasteriser and Blinn-Phong,
run dlib's 68-point detector on the render (dlib-bin + face_recognition_models, offline), and lift
each detected point to the surface through the rasteriser's triangle id and barycentrics at that
pixel. Jaw points that fall just off the silhouette take the nearest covered pixel.

It stores `model_from_scan`, the similarity (scale, rotation, translation; Umeyama 1991) that
maps the scan's own units onto the ICT-FaceKit mean face's 68 landmarks, so the scan lives in the
model frame of `neural_face.projection` (centimetres, y up, z out of the face) like the morphable model.

Finally it computes the per-vertex ambient occlusion (`neural_face.visibility.ambient_occlusion`, 256
directions at 256x256; geometry only, so once is enough) into `ao_vertex.npy` (float16).
"""
import argparse, importlib.util, json
from pathlib import Path
import numpy as np, torch
import torch.nn.functional as F
from neural_face.core import to_uint8
from neural_face.mesh import load_mesh, rasterize, sample_texture
from neural_face.morphable import load_ict_compact
from neural_face.projection import intrinsics, look_at, camera_center
from neural_face.shading import DirectionalLight, blinn_phong
from neural_face.visibility import ambient_occlusion

ASSET = Path(__file__).resolve().parent.parent / 'neural_face' / 'assets' / 'lee_perry_smith'

def umeyama(src: np.ndarray, dst: np.ndarray):
    "Similarity (s, R, t) minimising |s R src + t - dst|^2 (Umeyama 1991)."
    mu_s, mu_d = src.mean(0), dst.mean(0)
    xs, xd = src - mu_s, dst - mu_d
    U, S, Vt = np.linalg.svd(xd.T @ xs / len(src))
    D = np.diag([1, 1, np.sign(np.linalg.det(U @ Vt))])
    R = U @ D @ Vt
    s = np.trace(np.diag(S) @ D) / xs.var(0).sum()
    return s, R, mu_d - s * R @ mu_s

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--out', default=str(ASSET / 'landmarks.json'))
    ap.add_argument('--size', type=int, default=512)
    ap.add_argument('--ao-directions', type=int, default=256)
    ap.add_argument('--ao-resolution', type=int, default=256)
    args = ap.parse_args()
    import dlib
    spec = importlib.util.find_spec('face_recognition_models')
    predictor_path = Path(spec.submodule_search_locations[0]) / 'models' / 'shape_predictor_68_face_landmarks.dat'

    # the scan's uv follow the image-row-down convention although glTF's loader flips them: flip back
    mesh = load_mesh(ASSET / 'LeePerrySmith.glb', texture_path=ASSET / 'Map-COL.jpg', flip_v=True)
    H = W = args.size
    centre = torch.tensor([0., 0.9, 0.])  # the face's middle, scan units
    K = intrinsics(W, H, fov_y_deg=20.)
    cam = look_at(centre + torch.tensor([0., 0., 22.]), centre)
    buf = rasterize(mesh, K, cam, H, W)
    albedo = sample_texture(mesh.texture, buf.uv, buf.mask)
    light = DirectionalLight.from_azimuth_elevation(0., 20., ambient=0.25, k_specular=0.05).transform(torch.eye(4))
    n = buf.normal.permute(0, 2, 3, 1)
    v = F.normalize(camera_center(cam) - buf.position.permute(0, 2, 3, 1), dim=-1)
    # the frontal camera's frame has its x, y, z = model x, -y, -z: rotate the camera-frame light into the model
    light = light.transform(torch.linalg.inv(cam))
    rgb = blinn_phong(n, v, light, albedo.permute(0, 2, 3, 1), torch.full_like(n[..., :1], 0.2), 16.).rgb
    img = to_uint8((rgb * buf.mask.permute(0, 2, 3, 1) + 0.3 * (1 - buf.mask.permute(0, 2, 3, 1))).permute(0, 3, 1, 2))

    det = dlib.get_frontal_face_detector()(img, 1)
    if len(det) != 1: raise SystemExit(f"expected one face in the frontal render, dlib found {len(det)}")
    shape = dlib.shape_predictor(str(predictor_path))(img, det[0])
    pts = np.array([[p.x, p.y] for p in shape.parts()], dtype=np.float64)  # dlib: integer pixel indices
    tid = buf.triangle_id[0, 0].numpy(); covered = np.argwhere(tid >= 0)
    tris, barys, moved = [], [], 0
    for x, y in pts:
        r, c = int(round(y)), int(round(x))
        if not (0 <= r < H and 0 <= c < W and tid[r, c] >= 0):
            r, c = covered[np.argmin(((covered - [y, x]) ** 2).sum(1))]; moved += 1
        tris.append(int(tid[r, c])); barys.append(buf.barycentric[0, :, r, c].tolist())
    tris_t, barys_t = torch.tensor(tris), torch.tensor(barys)
    scan_pts = (barys_t[:, :, None] * mesh.vertices[mesh.faces[tris_t]]).sum(1).numpy()
    ict = load_ict_compact()
    ict_pts = ict.landmarks(ict.vertices()).numpy()
    # the 17 jaw-contour points are view-dependent outlines, not fixed surface points: align on the inner 51
    s, R, t = umeyama(scan_pts[17:], ict_pts[17:])
    model_from_scan = np.eye(4); model_from_scan[:3, :3] = s * R; model_from_scan[:3, 3] = t
    residual = np.linalg.norm((s * scan_pts @ R.T + t) - ict_pts, axis=1)
    out = {
        'what': '68 iBUG/Multi-PIE landmarks on LeePerrySmith.glb as (triangle id, barycentric) + the similarity to the model frame',
        'made_by': 'tools/make_lps_landmarks.py (dlib 68-point predictor on a frontal render)',
        'triangles': tris, 'barycentric': [[round(b, 6) for b in bb] for bb in barys],
        'model_from_scan': [[round(float(x), 8) for x in row] for row in model_from_scan],
        'scale_cm_per_scan_unit': round(float(s), 6),
        'fit_to_ict_mean_cm': {'median_inner51': round(float(np.median(residual[17:])), 3), 'max_inner51': round(float(residual[17:].max()), 3),
                               'median_jaw17': round(float(np.median(residual[:17])), 3)},
        'snapped_to_silhouette': moved,
    }
    Path(args.out).write_text(json.dumps(out, indent=1) + '\n')
    print(f"wrote {args.out}: scale {s:.4f} cm/unit, inner-51 landmark fit to the ICT mean face: median {np.median(residual[17:]):.2f} cm, "
          f"max {residual[17:].max():.2f} cm (jaw contour median {np.median(residual[:17]):.2f} cm); {moved} points snapped onto the silhouette")
    ao = ambient_occlusion(mesh, n_directions=args.ao_directions, resolution=args.ao_resolution)
    np.save(Path(args.out).parent / 'ao_vertex.npy', ao[:, 0].numpy().astype(np.float16))
    print(f"wrote ao_vertex.npy: AO median {float(ao.median()):.3f}, min {float(ao.min()):.3f}")
    try:
        from PIL import Image, ImageDraw
        im = Image.fromarray(img[0] if img.ndim == 4 else img); d = ImageDraw.Draw(im)
        for x, y in pts: d.ellipse([x - 2, y - 2, x + 2, y + 2], fill=(255, 0, 0))
        im.save('/tmp/lps_landmarks.png')
    except Exception: pass

if __name__ == '__main__': main()
