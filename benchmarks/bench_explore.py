#!/usr/bin/env python3
"""Update times of the explorers (13b_widgets, on the RunView of 13_explore) at 128x128 on CPU.

    python benchmarks/bench_explore.py [--run runs/demo] [--size 128] [--reps 5] [--threads 1 2] [--json out.json]

Measures, on this machine and in this run, for each thread count and for fp32 and bf16 networks:
- `render_image` of one photo (the pipeline's own full render, nothing cached): the baseline;
- a pose / expression update: `RunView.render` with a new pose (P, RC, T, L's trunk, L's shadow branch, S), and the
  same at the pose explorer's 64 px preview (what it draws while a slider is dragged; full size once it settles);
- a light update: `RunView.render` with a new light, the geometry cached (L's shadow branch and S only);
- the same two through the widgets (`pose_explorer`, `lighting_explorer`: slider set in code, render, PNG encoding);
- the pixel inspector's update and a whole-photo explanation (`explain.explain_photo`).
Median seconds over `--reps`. Uses the run folder when it exists, else an untrained renderer on a synthetic
15-photo scene (the same networks, so the same cost). Figures are printed, never asserted; the design target is
under 0.3 s per lighting/pose update at 128x128 (a pose drag: its preview).
"""
import argparse, json, os, platform, statistics, time
from pathlib import Path
import torch

def scene_state(P=15, size=64):
    "An untrained renderer and a state dict like `load_run`'s, for machines without a run."
    from neural_face.renderer import NeuralRenderer
    from neural_face.projection import intrinsics, frontal_cam_from_model
    g = torch.Generator().manual_seed(0)
    K = intrinsics(size, size, fov_y_deg=20.).expand(P, 3, 3).contiguous()
    cams = torch.stack([frontal_cam_from_model(70., float(y), 0., 0., degrees=True) for y in (torch.rand(P, generator=g) - 0.5) * 60])
    state = {'photos': [f'photo_{i:02d}' for i in range(P)], 'data': {'kind': 'none', 'source': '/nonexistent'},  # no photos: no PSNR
             'scene': {'K': K, 'cam_from_model': cams, 'expression': torch.rand(P, 53, generator=g) * 0.2, 'sizes': [(size, size)] * P}}
    return NeuralRenderer(P), state

def median_time(fn, reps):
    fn(-1)  # warm-up, with a value no timed rep uses (a widget set to its current value does not update)
    ts = []
    for k in range(reps):
        t = time.perf_counter(); fn(k); ts.append(time.perf_counter() - t)
    return statistics.median(ts)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--run', default='runs/demo')
    ap.add_argument('--size', type=int, default=128)
    ap.add_argument('--reps', type=int, default=5)
    ap.add_argument('--threads', type=int, nargs='+', default=[1, 2])
    ap.add_argument('--json', default=None)
    a = ap.parse_args()
    from neural_face.explore import RunView
    from neural_face.widgets import lighting_explorer, pose_explorer, pixel_inspector
    from neural_face.explain import explain_photo
    from neural_face.renderer import render_image
    from neural_face.run import load_run
    if (Path(a.run) / 'checkpoints' / 'last.pt').exists(): pair, what = load_run(a.run), a.run
    else: pair, what = scene_state(), 'untrained renderer, synthetic 15-photo scene'
    print(f"explorer update times at {a.size}x{a.size} ({what}); torch {torch.__version__}, {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} CPUs; median of {a.reps}")
    rows = []
    for threads in a.threads:
        torch.set_num_threads(threads)
        for bf16 in (False, True):
            view = RunView(pair, size=a.size, bf16=bf16)
            H, W = view.image_size(0)
            K = view.intrinsics(0)
            amp = lambda: torch.autocast('cpu', dtype=torch.bfloat16, enabled=bf16)
            def baseline(k=0):
                with amp(): render_image(view.renderer, 0, K, view.cam_from_model, H, W, view.expression)
            def pose(k=0):
                view._geometry.clear(); view.render(0, pose=(float(k), 0., 0.))
            def pose_preview(k=0):  # what the pose explorer draws while a slider is dragged (its default preview, 64 px)
                view._geometry.clear(); view.render(0, pose=(float(k), 0., 0.), size=64)
            view.render(0)
            def light(k=0): view.render(0, light={'azimuth': float(10 * k - 20)})
            lx, px, pi = lighting_explorer(view, 0), pose_explorer(view, 0), pixel_inspector(view, 0)
            def lx_update(k=0): lx.controls['azimuth'].value = float(10 * k - 20 + (k % 2))
            def px_update(k=0):
                view._geometry.clear(); px.controls['yaw'].value = float(k % 7 - 3) + 0.5
            def pi_update(k=0): pi.controls['x'].value = W // 2 + (k % 5) - 2
            def explain(k=0): explain_photo(view, 0)
            r = {'threads': threads, 'precision': 'bf16' if bf16 else 'fp32'}
            for name, fn in (('render_image', baseline), ('pose_update', pose), ('pose_preview_64', pose_preview), ('light_update', light),
                             ('pose_widget', px_update), ('light_widget', lx_update), ('pixel_widget', pi_update),
                             ('explain_photo', explain)):
                r[name] = median_time(fn, a.reps)
            rows.append(r)
            print(f"{threads} thread(s) {r['precision']}: " + ", ".join(f"{k} {v:.3f} s" for k, v in r.items() if isinstance(v, float)), flush=True)
    if a.json: Path(a.json).write_text(json.dumps({'size': a.size, 'run': what, 'rows': rows}, indent=1))

if __name__ == '__main__': main()
