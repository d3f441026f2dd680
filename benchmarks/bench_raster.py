"""Rasteriser benchmark: milliseconds per view for a ~25k-vertex mesh at 256x256 and 512x512.

    .venv/bin/python benchmarks/bench_raster.py [--runs 20] [--threads N] [--device cpu]

Meshes: a UV sphere with 25,002 vertices (always) and the full ICT-FaceKit head (26,719 vertices,
52,220 triangles after splitting its quads) when ../shared/data/ict_facekit is present. Each view
is rendered twice to warm up, then `--runs` times; the median (and the fastest) wall time is printed.
On a shared machine compare runs at similar load (printed), or use OMP_WAIT_POLICY=PASSIVE.
"""
import argparse, os, platform, statistics, sys, time
from pathlib import Path
import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing the package
from neural_face.mesh import Mesh, rasterize, triangulate, uv_sphere
from neural_face.projection import frontal_cam_from_model, intrinsics

ICT = ROOT.parent / 'shared' / 'data' / 'ict_facekit' / 'ict_facekit_light_arrays.npz'

def meshes():
    "(name, mesh, camera distance) for each benchmark mesh available here."
    yield 'uv_sphere r=10', uv_sphere(10., 126, 200), 45.
    if ICT.exists():
        d = np.load(ICT)
        yield 'ICT-FaceKit head', Mesh(torch.from_numpy(d['neutral_vertices']), triangulate(d['faces_v']),
                                       torch.from_numpy(d['uv']), triangulate(d['faces_vt'])), 70.
    else: print(f"({ICT} not found: ICT-FaceKit mesh skipped)")

def sync(device):
    if device.type == 'cuda': torch.cuda.synchronize()

def time_view(mesh, K, cam, size, runs, device):
    for _ in range(2): rasterize(mesh, K, cam, size, size)
    times = []
    for _ in range(runs):
        sync(device); t0 = time.perf_counter()
        buffers = rasterize(mesh, K, cam, size, size)
        sync(device); times.append(time.perf_counter() - t0)
    return 1e3 * statistics.median(times), 1e3 * min(times), buffers.mask.mean().item()

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--runs', type=int, default=20)
    ap.add_argument('--threads', type=int, default=None, help='torch.set_num_threads (default: torch decides)')
    ap.add_argument('--device', default='cpu')
    args = ap.parse_args()
    if args.threads: torch.set_num_threads(args.threads)
    device = torch.device(args.device)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, device {device}, "
          f"{platform.processor() or platform.machine()}, median of {args.runs} runs after 2 warm-up")
    # other processes on the cores make OpenMP's spin-waiting threads slow everything down by 10x or more;
    # OMP_WAIT_POLICY=PASSIVE (or --threads 1) keeps the numbers sane on a busy machine
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores, OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY', 'unset')}")
    print(f"{'mesh':<18}{'vertices':>9}{'triangles':>10}{'size':>9}{'ms/view':>9}{'best':>7}{'covered':>9}")
    for name, mesh, distance in meshes():
        mesh = mesh.to(device)
        cam = frontal_cam_from_model(distance, yaw=20., degrees=True).to(device)
        for size in (256, 512):
            K = intrinsics(size, size, fov_y_deg=30.).to(device)
            med, best, cov = time_view(mesh, K, cam, size, args.runs, device)
            print(f"{name:<18}{mesh.n_vertices:>9}{mesh.n_faces:>10}{f'{size}^2':>9}{med:>9.1f}{best:>7.1f}{cov:>8.0%}")

if __name__ == '__main__': main()
