#!/usr/bin/env python3
"""Training-step throughput of the full neural rendering pipeline, and full-image render times.

    python benchmarks/bench_pipeline.py [--batch 32768] [--steps 5] [--threads 2] [--json out.json]

Measures, on this machine and in this run:
- one training step (forward + backward + RAdam update) of all five components with every
  component on, at `--batch` pixel samples drawn across 15 photos, in fp32 and under bf16 autocast
  (networks in bf16, camera math and shading in fp32: see 07_renderer), as pixel-samples per second;
- the FLOPs of that step (torch's FlopCounterMode: matmuls and convolutions) and the rate they are
  done at, as a fraction of this machine's own matmul rate in the same precision (a 4096^2 matmul
  timed in the same run);
- the same step with the geometric-normal consistency term on 1/8 of the batch (what training uses);
- full-image render time (no gradients) at 256x256 and 512x512.
Figures are printed, never asserted: targets live in the notes, not in tests.
"""
import argparse, json, os, platform, statistics, time
import torch
import torch.nn.functional as F
from torch.utils.flop_counter import FlopCounterMode
from neural_face.renderer import NeuralRenderer, render_image
from neural_face.projection import intrinsics, frontal_cam_from_model

def matmul_rate(dtype, n=4096, reps=3):
    a, b = torch.randn(n, n, dtype=dtype), torch.randn(n, n, dtype=dtype)
    a @ b
    times = []
    for _ in range(reps):
        t = time.perf_counter(); a @ b; times.append(time.perf_counter() - t)
    return 2 * n ** 3 / min(times)

def make_inputs(P, batch, size=128, code_dim=53, seed=0):
    g = torch.Generator().manual_seed(seed)
    K = intrinsics(size, size, fov_y_deg=20.).expand(P, 3, 3).contiguous()
    yaw = (torch.rand(P, generator=g) - 0.5) * 60
    cams = torch.stack([frontal_cam_from_model(70., float(y), 0., 0., degrees=True) for y in yaw])
    pix = size * (0.25 + 0.5 * torch.rand(batch, 2, generator=g))  # the middle of the frame: on the face
    idx = torch.randint(0, P, (batch,), generator=g)
    code = torch.rand(P, code_dim, generator=g) * 0.2
    target = torch.rand(batch, 3, generator=g)
    return K, cams, pix, idx, code, target

def step_fn(model, opt, inputs, amp, geo_every=0):
    K, cams, pix, idx, code, target = inputs
    def step():
        opt.zero_grad(set_to_none=True)
        with torch.autocast('cpu', dtype=torch.bfloat16, enabled=amp):
            out = model(pix, idx, K, cams, code)
            loss = F.mse_loss(out.rgb, target) + F.binary_cross_entropy_with_logits(out.mask_logit, torch.ones_like(out.mask_logit))
            if geo_every:
                sub = slice(None, None, geo_every)
                g = model(pix[sub], idx[sub], K, cams, code, geometric_normal=True)
                loss = loss + 0.1 * (1 - (g.normal * g.normal_geometric).sum(-1)).mean()
        loss.backward(); opt.step()
    return step

def time_steps(step, steps):
    step(); step()  # warm up (allocations, oneDNN kernels)
    times = []
    for _ in range(steps):
        t = time.perf_counter(); step(); times.append(time.perf_counter() - t)
    return statistics.median(times)

def count_flops(model, inputs):
    K, cams, pix, idx, code, target = inputs
    with FlopCounterMode(display=False) as fc:
        out = model(pix, idx, K, cams, code)
        (F.mse_loss(out.rgb, target)).backward()
    model.zero_grad(set_to_none=True)
    return fc.get_total_flops()

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--batch', type=int, default=32768)
    ap.add_argument('--steps', type=int, default=5)
    ap.add_argument('--threads', type=int, default=int(os.environ.get('BENCH_THREADS', os.cpu_count() or 1)))
    ap.add_argument('--photos', type=int, default=15)
    ap.add_argument('--json', default=None, help='also write the figures here')
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    res = {'machine': platform.processor() or platform.machine(), 'threads': torch.get_num_threads(), 'torch': torch.__version__,
           'batch': args.batch, 'load_average': os.getloadavg()}
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, load average {os.getloadavg()[0]:.1f}, batch {args.batch}")
    peak = {'fp32': matmul_rate(torch.float32), 'bf16': matmul_rate(torch.bfloat16)}
    print(f"matmul 4096^2: fp32 {peak['fp32'] / 1e12:.2f} TFLOP/s, bf16 {peak['bf16'] / 1e12:.2f} TFLOP/s")
    inputs = make_inputs(args.photos, args.batch)
    model = NeuralRenderer(args.photos)
    flops = count_flops(model, inputs)
    print(f"one step: {flops / 1e9:.1f} GFLOP (forward + backward, matmuls), {flops / args.batch / 1e3:.0f} kFLOP per sample")
    res['gflop_per_step'] = flops / 1e9
    for name, amp in (('fp32', False), ('bf16', True)):
        for geo in (0, 8):
            model = NeuralRenderer(args.photos)
            opt = torch.optim.RAdam(model.parameters(), lr=1e-3)
            t = time_steps(step_fn(model, opt, inputs, amp, geo), args.steps)
            key = name + ('+geo/8' if geo else '')
            rate = args.batch / t
            frac = flops / t / peak[name]
            res[key] = {'step_s': t, 'samples_per_s': rate, 'fraction_of_matmul_rate': None if geo else frac}
            extra = '' if geo else f", {flops / t / 1e12:.3f} TFLOP/s = {100 * frac:.0f}% of this machine's {name} matmul rate"
            print(f"train step {key:>12}: {t * 1e3:7.0f} ms -> {rate:9,.0f} pixel-samples/s{extra}")
    model = NeuralRenderer(args.photos).eval()
    K, cams, _, _, code, _ = inputs
    for size in (256, 512):
        Ks = intrinsics(size, size, fov_y_deg=20.)
        for name, amp in (('fp32', False), ('bf16', True)):
            with torch.autocast('cpu', dtype=torch.bfloat16, enabled=amp):
                render_image(model, 0, Ks, cams, size, size, code)
                t = time.perf_counter(); render_image(model, 0, Ks, cams, size, size, code); t = time.perf_counter() - t
            res[f'render_{size}_{name}_s'] = t
            print(f"render {size}x{size} {name}: {t:.2f} s")
    if args.json:
        with open(args.json, 'w') as f: json.dump(res, f, indent=1)

if __name__ == '__main__': main()
