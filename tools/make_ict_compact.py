#!/usr/bin/env python3
"""Build the compact ICT-FaceKit face model that ships inside `neural_face`.

    .venv/bin/python tools/make_ict_compact.py --src ../shared/data/ict_facekit --out neural_face/assets/ict_facekit

Reads the ICT-FaceKit "light" arrays (`ict_facekit_light_arrays.npz`, `vertex_indices.json`,
`LICENSE`, `CREDITS.md`) and writes `OUT/ict_face_compact.npz`, `OUT/README.md` and copies of
`LICENSE` and `CREDITS.md`:

* region: the polygons of material `M_Face` (ICT's "full face area", vertices 0..9408): the skin
  from the hairline down the front of the neck, ears included, UVs in the single tile [0,1]^2
  (ICT's "narrow face area" is the subset `vertex_ids < 6706`). Left out: back of the head and
  neck, mouth and eye sockets (`M_BackHead`, outside any face photo mask), gums,
  teeth, eyeballs, lacrimal fluid, eye blend/occlusion, eyelashes (interior or see-through parts
  whose UVs live on other tiles or overlap the face tile). The 68 landmarks all lie inside.
* identity: the first `--n-identity` (default 50) of the 100 PCA modes; the npz stores them in
  decreasing-variance order, scaled so that coefficients are N(0, 1); 50 modes keep 98.1 % of
  the identity variance over the face region (30: 95.5 %, 100: 100 %).
* expression: the 53 ARKit-style blendshapes ICT lists in `vertex_indices.json` ("expressions"),
  in that order; the 4 extras of the npz (`PupilDilate_L/R`, `cheekRaiser_L/R`) are dropped.
* faces: quads split (a,b,c,d) -> (a,b,c), (a,c,d) (the split of `neural_face.mesh.triangulate`; this
  script stays numpy-only; nbs/02a_morphable.ipynb checks the two agree), re-indexed into the
  kept vertices; UVs get their own index (`faces_uv`), re-indexed to the UVs used.
* frame and units: unchanged from ICT, which already is our model frame (right-handed, y up,
  z out of the face, x towards the subject's left, centimetres).
* dtypes: bases float16, neutral and uv float32, indices int32.

The zip is written with fixed timestamps, so the same input gives the same bytes.
"""
import argparse, hashlib, io, json, shutil, zipfile
from pathlib import Path
import numpy as np

KEEP_MATERIALS = ('M_Face',)
DROP_EXPRESSIONS = ('PupilDilate_L', 'PupilDilate_R', 'cheekRaiser_L', 'cheekRaiser_R')
OUT_NAME = 'ict_face_compact.npz'


def triangulate(faces):
    "(N,4) polygons with -1 marking a triangle -> (M,3): quads split along their a-c diagonal."
    both = np.stack([faces[:, [0, 1, 2]], faces[:, [0, 2, 3]]], 1).reshape(-1, 3)
    keep = np.stack([np.ones(len(faces), bool), faces[:, 3] >= 0], 1).reshape(-1)
    return both[keep]


def reindex(idx):
    "Used ids of `idx` (sorted) and `idx` rewritten into positions of that list."
    used, inv = np.unique(idx, return_inverse=True)
    return used, inv.reshape(idx.shape)


def build(src, n_identity=50):
    src = Path(src)
    d = np.load(src / 'ict_facekit_light_arrays.npz')
    meta = json.loads((src / 'vertex_indices.json').read_text())
    mats = [str(m) for m in d['material_names']]
    keep_face = np.isin(d['face_material'], [mats.index(m) for m in KEEP_MATERIALS])
    faces_v, faces_vt = triangulate(d['faces_v'][keep_face]), triangulate(d['faces_vt'][keep_face])
    vertex_ids, faces = reindex(faces_v)
    uv_ids, faces_uv = reindex(faces_vt)
    landmarks_full = np.asarray(meta['idx_to_landmark_verts'])
    assert np.isin(landmarks_full, vertex_ids).all(), 'a landmark lies outside the kept region'
    landmarks = np.searchsorted(vertex_ids, landmarks_full)
    exp_names = [str(n) for n in d['expression_names']]
    keep_exp = [n for n in meta['expressions']]
    assert sorted(set(exp_names) - set(keep_exp)) == sorted(DROP_EXPRESSIONS), set(exp_names) - set(keep_exp)
    exp_rows = [exp_names.index(n) for n in keep_exp]
    return dict(
        neutral=d['neutral_vertices'][vertex_ids].astype(np.float32),
        identity_basis=d['identity_deltas'][:n_identity][:, vertex_ids].astype(np.float16),
        expression_basis=d['expression_deltas'][exp_rows][:, vertex_ids].astype(np.float16),
        faces=faces.astype(np.int32), uv=d['uv'][uv_ids].astype(np.float32), faces_uv=faces_uv.astype(np.int32),
        landmark_indices=landmarks.astype(np.int32), vertex_ids=vertex_ids.astype(np.int32),
        identity_names=np.asarray([str(n) for n in d['identity_names'][:n_identity]]),
        expression_names=np.asarray(keep_exp), units=np.asarray('cm'))


def save_npz_deterministic(path, arrays):
    "Like np.savez_compressed, but with fixed zip timestamps and key order (byte-reproducible)."
    with zipfile.ZipFile(path, 'w', compression=zipfile.ZIP_DEFLATED) as zf:
        for k in sorted(arrays):
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.asarray(arrays[k]), allow_pickle=False)
            info = zipfile.ZipInfo(k + '.npy', date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            zf.writestr(info, buf.getvalue(), compresslevel=9)


KEYS = dict(neutral='mean face, cm', identity_basis='PCA identity deltas, cm per unit coefficient',
            expression_basis='blendshape deltas, cm at weight 1', faces='triangles into `neutral`',
            uv='texture coordinates', faces_uv='triangles into `uv`', landmark_indices='68 Multi-PIE landmarks',
            vertex_ids='index of each vertex in the full ICT mesh', identity_names='ICT mode names',
            expression_names='blendshape names',
            units='length unit')


README = """# Compact ICT-FaceKit face model

`ict_face_compact.npz` is the face region of the ICT-FaceKit "light" morphable model
(USC Institute for Creative Technologies, 2020; MIT licence, see `LICENSE` here, and
`CREDITS.md` for ICT's contributors;
https://github.com/ICT-VGL/ICT-FaceKit; Li et al., "Learning Formation of Physically-Based
Face Attributes", CVPR 2020), reduced for shipping inside `neural_face`. Load it with
`neural_face.morphable.load_ict_compact()`.

Made from `../shared/data/ict_facekit` by

    .venv/bin/python tools/make_ict_compact.py --src ../shared/data/ict_facekit --out neural_face/assets/ict_facekit

| key | shape | dtype | what |
|---|---|---|---|
{table}

* region: polygons of material `M_Face` (ICT's full face area: hairline down the front of the
  neck, ears included; `vertex_ids < 6706` is ICT's narrow face area); no back of the head,
  sockets, teeth, eyeballs or eyelashes. Quads split into triangles.
* identity: the first {n_id} of ICT's 100 PCA modes (ranked by variance, scaled for N(0, 1)
  coefficients).
* expression: ICT's 53 ARKit-style blendshapes (`_L`/`_R` = subject's left/right; `browInnerUp`
  and `cheekPuff` split in two; no `tongueOut`); weights in [0, 1].
* `vertex_ids`: each kept vertex's index in the full ICT mesh; `landmark_indices`: the 68
  Multi-PIE landmarks (ICT's `idx_to_landmark_verts`) in the compact vertex order.
* frame: ICT's, which is ours: right-handed, y up, z out of the face, x towards the subject's
  left; centimetres. uv: OBJ convention (v up), all in [0, 1].

sha256 of `ict_face_compact.npz`: `{sha}`
"""


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--src', required=True, help='folder with ict_facekit_light_arrays.npz, vertex_indices.json, LICENSE')
    ap.add_argument('--out', required=True, help='output folder (created)')
    ap.add_argument('--n-identity', type=int, default=50, help='identity modes to keep (of 100)')
    a = ap.parse_args(argv)
    out = Path(a.out); out.mkdir(parents=True, exist_ok=True)
    arrays = build(a.src, a.n_identity)
    save_npz_deterministic(out / OUT_NAME, arrays)
    for name in ('LICENSE', 'CREDITS.md'): shutil.copyfile(Path(a.src) / name, out / name)
    sha = hashlib.sha256((out / OUT_NAME).read_bytes()).hexdigest()
    table = '\n'.join(f'| `{k}` | {tuple(v.shape)} | {v.dtype} | {KEYS[k]} |' for k, v in sorted(arrays.items()))
    (out / 'README.md').write_text(README.format(table=table, n_id=a.n_identity, sha=sha))
    print(f'{out / OUT_NAME}: {(out / OUT_NAME).stat().st_size / 2**20:.2f} MiB, sha256 {sha}')
    for k, v in sorted(arrays.items()): print(f'  {k:18s} {str(v.shape):18s} {v.dtype}')


if __name__ == '__main__': main()
