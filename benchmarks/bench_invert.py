#!/usr/bin/env python3
"""Inversion of held-out photos of the ground-truth sample (`12_invert`): accuracy and time per inversion.

    OMP_NUM_THREADS=1 python benchmarks/bench_invert.py [--run /tmp/inv_fit12_v2] [--n 8] [--threads 1]

1. The person's model: the run folder `--run` if it holds a finished fit, else it is fitted first (12 sample
   photos at 64 px, 100 epochs per stage, batches of 4,096: what `neural-face fit --sample --n 12 --out RUN` does,
   about 4 minutes on one core). A run fitted by an older version of the training code is reused as it is: pass a
   new `--run` folder after a training change (the figures in `12_invert` are from `--run /tmp/inv_fit12_v2`).
2. `--n` held-out photos, `sample_set(n, 64, first=15)` (new lights and poses of the same head), are inverted with
   several variants (texture fine-tuning off/on, one light initialisation (the default) against five, the prior alone), and the
   medians of the PSNR on the face mask (initial guess and final), the median normal error and the light direction
   error (model frame, each light through its pose) against the truth are printed; PSNR in sRGB,, with the mean time per inversion.
3. Time per inversion (default schedule, texture on) at 64 and 256 px on one photo.
Figures are printed, never asserted.
"""
import argparse, json, statistics, subprocess, sys, time
from dataclasses import replace
from pathlib import Path
import torch

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--run', default='/tmp/inv_fit12_v2', help='run folder of the 12-photo sample fit (fitted when missing)')
    ap.add_argument('--n', type=int, default=8, help='held-out photos')
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--sizes', default='64,256', help='resolutions for the timing')
    ap.add_argument('--json', default=None, help='also write the figures here')
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    from neural_face.invert import invert, InversionConfig
    from neural_face.synthetic import sample_set
    run = Path(a.run)
    if not (run / 'evaluation.json').exists():
        print(f"fitting {run} (12 sample photos, 64 px) ...", flush=True)
        t0 = time.time()
        subprocess.run([str(Path(sys.executable).parent / 'neural-face'), 'fit', '--sample', '--n', '12', '--out', str(run), '--quiet',
                        '--threads', str(a.threads)], check=True)
        print(f"fitted in {time.time() - t0:.0f} s")
    ev = json.loads((run / 'evaluation.json').read_text())['summary']
    print(f"run {run}: training photos median PSNR {ev['psnr']:.2f} dB, normal {ev.get('normal_deg', float('nan')):.1f} deg, "
          f"light {ev.get('light_deg', float('nan')):.1f} deg")
    held = sample_set(a.n, 64, first=15)
    d = InversionConfig()
    variants = [('texture off', str(run), replace(d, texture_steps=0)),
                ('texture on', str(run), d),
                ('texture off, 5 light inits', str(run), replace(d, texture_steps=0, n_light_inits=5)),
                ('prior, texture off', 'prior', replace(d, texture_steps=0)),
                ('prior, texture on', 'prior', d)]
    results = {}
    print(f"\n{a.n} held-out photos (sample_set({a.n}, 64, first=15)), medians; {a.threads} thread(s)\n")
    print("| variant | PSNR initial (dB) | PSNR final (dB) | normal error (deg) | light error initial (deg) | light error (deg) | s / inversion |")
    print("|---|---|---|---|---|---|---|")
    for name, src, cfg in variants:
        rows = []
        for ph in held:
            t0 = time.time(); inv = invert(src, ph, cfg); s = time.time() - t0
            e0, e = inv.errors('initial'), inv.errors()
            rows.append(dict(psnr0=inv.psnrs['initial'], psnr=inv.psnr, normal=e['normal_deg'], light0=e0['light_deg'], light=e['light_deg'], s=s))
        med = {k: statistics.median(r[k] for r in rows) for k in rows[0]}
        med['s'] = statistics.mean(r['s'] for r in rows)
        results[name] = {'median': med, 'photos': rows}
        print(f"| {name} | {med['psnr0']:.2f} | {med['psnr']:.2f} | {med['normal']:.1f} | {med['light0']:.1f} | {med['light']:.1f} | {med['s']:.1f} |", flush=True)
    print("\ntime per inversion (default schedule: light, pose, texture), one photo")
    timing = {}
    for size in [int(x) for x in a.sizes.split(',')]:
        ph = sample_set(1, size, first=15)[0]
        t0 = time.time(); inv = invert(str(run), ph, d); s = time.time() - t0
        timing[size] = {'s': s, 'steps_s': inv.times, 'psnr': inv.psnr, **inv.errors()}
        print(f"  {size}x{size}: {s:.1f} s (" + ', '.join(f"{k} {v:.1f}" for k, v in inv.times.items()) + f"), PSNR {inv.psnr:.2f} dB, "
              f"light {inv.errors()['light_deg']:.1f} deg", flush=True)
    if a.json: Path(a.json).write_text(json.dumps({'variants': results, 'timing': timing}, indent=1))

if __name__ == '__main__': main()
