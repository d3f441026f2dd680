"""Export benchmark: time of `export_run` and the PSNR of the exported mesh + maps re-rendered against the neural renders.

    .venv/bin/python benchmarks/bench_export.py [--run runs/demo] [--sizes 1024 2048] [--threads N]

Needs a trained run (default `runs/demo`: `neural-face fit --sample --out runs/demo`). For every map size it prints the
wall time of `export_run` (mesh, maps, files, per-photo buffers and re-render check) and the re-render PSNR per photo
(exported mesh + maps, rasterised with the photo's fitted pinhole camera, Blinn-Phong under the photo's light, vs the
neural render of that photo, inside its face mask). For the first size it also prints what the two things the files
cannot carry cost: the learned self-shadow (re-render with the neural shadow buffer multiplied in) and our tangent
frames (tangent-space instead of object-space normal map).
"""
import argparse, json, os, shutil, statistics, sys, tempfile, time
from pathlib import Path
import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from neural_face.metrics import masked_psnr
from neural_face.export import export_run, load_export, _photo_mask, run_photoset
from neural_face.bake import render_export, expression_code
from neural_face.renderer import render_image
from neural_face.shading import DirectionalLight
from neural_face.run import load_run

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--run', type=Path, default=ROOT / 'runs' / 'demo')
    ap.add_argument('--sizes', type=int, nargs='+', default=[1024, 2048])
    ap.add_argument('--threads', type=int, default=1)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    if not (a.run / 'checkpoints' / 'last.pt').exists(): sys.exit(f"no trained run at {a.run}: neural-face fit --sample --out {a.run}")
    print(f"run {a.run}, {a.threads} thread(s), load {os.getloadavg()[0]:.1f}")
    tmp = Path(tempfile.mkdtemp())
    for k, size in enumerate(a.sizes):
        out = tmp / f'export_{size}'
        t0 = time.perf_counter(); res = export_run(a.run, out, size=size); wall = time.perf_counter() - t0
        m = res['manifest']
        ps = [c['psnr_db'] for c in m['rerender']['photos'] if c['psnr_db'] is not None]
        print(f"size {size}: export_run {wall:.1f} s; mesh {m['mesh']['vertices']} vertices / {m['mesh']['triangles']} triangles; "
              f"re-render PSNR median {statistics.median(ps):.2f} dB (min {min(ps):.2f}, max {max(ps):.2f}) over {len(ps)} photos; "
              f"mesh covers {min(c['coverage'] for c in m['rerender']['photos']):.1%}+ of each face mask (masks from the {m['face_masks']}, switches {m['switches']})")
        if k: continue
        r, st = load_run(a.run); sc = st['scene']
        rig = json.loads((out / 'lights.json').read_text())['lights']
        mesh, maps = load_export(out)
        code = expression_code(None, r.code_dim).expand(len(rig), -1)
        ps = run_photoset(st)  # the face masks export_run used
        rows = []
        with torch.no_grad():
            for i, l in enumerate(rig):
                H, W = sc['sizes'][i]
                g = render_image(r, i, sc['K'], sc['cam_from_model'], H, W, code)
                mask = _photo_mask(a.run, l['photo'], g, None if ps is None else ps.photos[i].mask) * (g.mask > 0.5)  # as export_run
                K, cam = torch.tensor(l['pinhole_K']), torch.tensor(l['pinhole_cam_from_model'])
                light = DirectionalLight(*(torch.tensor(v, dtype=torch.float32).reshape(-1) for v in  # the light as lights.json gives it
                                           (l['pinhole_direction_model'], l['colour'], l['k_diffuse'], l['k_specular'], l['ambient'])))
                base = render_export(mesh, maps, K, cam, H, W, light)
                both = base['mask'] * mask
                rows.append((masked_psnr(base['rgb'], g.rgb, both),
                             masked_psnr(render_export(mesh, maps, K, cam, H, W, light, shadow=g.shadow)['rgb'], g.rgb, both),
                             masked_psnr(render_export(mesh, maps, K, cam, H, W, light, normal_map='tangent')['rgb'], g.rgb, both)))
        med = [statistics.median(c) for c in zip(*rows)]
        print(f"  from the files (load_export): {med[0]:.2f} dB; with the neural self-shadow multiplied in: {med[1]:.2f} dB; "
              f"tangent-space normal map instead of object-space: {med[2]:.2f} dB (medians over photos)")
    shutil.rmtree(tmp, ignore_errors=True)

if __name__ == '__main__': main()
