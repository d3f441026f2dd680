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
- how much of the step is matrix products (torch profiler over 3 steps, self time of mm/addmm/bmm
  against the profiled wall time): the rate the step would reach if everything else took no time,
  i.e. the ceiling of the fraction above;
- full-image render time (no gradients) at 256x256 and 512x512.
By default the glibc allocator is tuned first (`neural_face.core.tune_cpu_allocator`, as the
command line does); `--allocator default` measures without it.
Figures are printed, never asserted: targets live in the notes, not in tests.
"""
import argparse, json, os, platform, time
import torch
from neural_face.renderer import NeuralRenderer, render_image
from neural_face.projection import intrinsics
from neural_face.core import tune_cpu_allocator
from neural_face.profile import matmul_rate, bench_inputs, train_step_fn, time_steps, count_flops

# the step, its inputs and the timers live in neural_face.profile (07a_profile), shared with `neural-face bench speed`
make_inputs, step_fn = bench_inputs, train_step_fn

def matmul_seconds(step, n: int = 3) -> tuple[float, float]:
    "Per call of `step`, profiled over `n` calls: seconds in matrix products (self time of mm, addmm, bmm) and wall seconds."
    from torch.profiler import profile, ProfilerActivity
    with profile(activities=[ProfilerActivity.CPU]) as prof:
        t = time.perf_counter()
        for _ in range(n): step()
        wall = time.perf_counter() - t
    mm = sum(e.self_cpu_time_total for e in prof.key_averages() if e.key in ('aten::mm', 'aten::addmm', 'aten::bmm')) / 1e6
    return mm / n, wall / n

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--batch', type=int, default=32768)
    ap.add_argument('--steps', type=int, default=5)
    ap.add_argument('--threads', type=int, default=int(os.environ.get('BENCH_THREADS', os.cpu_count() or 1)))
    ap.add_argument('--photos', type=int, default=15)
    ap.add_argument('--json', default=None, help='also write the figures here')
    ap.add_argument('--allocator', choices=('tuned', 'default'), default='tuned', help="tuned: glibc keeps freed memory (as the CLI does)")
    args = ap.parse_args()
    tuned = tune_cpu_allocator() if args.allocator == 'tuned' else False
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    res = {'machine': platform.processor() or platform.machine(), 'threads': torch.get_num_threads(), 'torch': torch.__version__,
           'batch': args.batch, 'load_average': os.getloadavg(), 'allocator_tuned': tuned}
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, load average {os.getloadavg()[0]:.1f}, batch {args.batch}, "
          f"allocator {'tuned' if tuned else 'default'}")
    inputs = make_inputs(args.photos, args.batch)
    timed = {}  # the steps first, in a fresh process as training is (bf16 first): what ran before decides the allocator's state
    for name, amp in (('bf16', True), ('fp32', False)):
        for geo in (0, 8):
            model = NeuralRenderer(args.photos)
            opt = torch.optim.RAdam(model.parameters(), lr=1e-3)
            timed[name, geo] = time_steps(step_fn(model, opt, inputs, amp, geo), args.steps)
            if not geo: timed[name, 'mm'] = matmul_seconds(step_fn(model, opt, inputs, amp))
    peak = {'fp32': matmul_rate(torch.float32), 'bf16': matmul_rate(torch.bfloat16)}
    print(f"matmul 4096^2: fp32 {peak['fp32'] / 1e12:.2f} TFLOP/s, bf16 {peak['bf16'] / 1e12:.2f} TFLOP/s")
    flops = count_flops(NeuralRenderer(args.photos), inputs)
    print(f"one step: {flops / 1e9:.1f} GFLOP (forward + backward, matmuls), {flops / args.batch / 1e3:.0f} kFLOP per sample")
    res['gflop_per_step'] = flops / 1e9
    for name in ('bf16', 'fp32'):
        for geo in (0, 8):
            t = timed[name, geo]
            key = name + ('+geo/8' if geo else '')
            rate = args.batch / t
            frac = flops / t / peak[name]
            res[key] = {'step_s': t, 'samples_per_s': rate, 'fraction_of_matmul_rate': None if geo else frac}
            extra = '' if geo else f", {flops / t / 1e12:.3f} TFLOP/s = {100 * frac:.0f}% of this machine's {name} matmul rate"
            print(f"train step {key:>12}: {t * 1e3:7.0f} ms -> {rate:9,.0f} pixel-samples/s{extra}")
            if not geo:
                mm_s, wall_s = timed[name, 'mm']
                res[key].update(matmul_s=mm_s, profiled_step_s=wall_s, fraction_if_only_matmuls=flops / mm_s / peak[name])
                print(f"{'':>23} profiled (3 steps, {wall_s * 1e3:.0f} ms each): matrix products {mm_s * 1e3:.0f} ms = {100 * mm_s / wall_s:.0f}% "
                      f"of the step; with nothing else it would reach {100 * flops / mm_s / peak[name]:.0f}% of the {name} matmul rate")
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
