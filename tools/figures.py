"""Draw the small figures the notebooks show on GitHub (`nbs/images/*.png`) from a trained sample run.

    neural-face fit --sample --out runs/demo      # the main job (`make demo`)
    python tools/figures.py --run runs/demo       # -> nbs/images/{figure2,gbuffer_sample,fit_curve,light_sweep,inversion_panel}.png

Every figure is drawn by the project's own functions (RunView, invert, the run's metrics); nothing here is measured or
asserted. Each PNG is kept small (a few tens of kB) so the repository stays lean."""
from __future__ import annotations
import argparse, json
from pathlib import Path
import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt
import torch

OUT = Path(__file__).resolve().parents[1] / 'nbs' / 'images'

def _save(fig, name: str, dpi: int = 90):
    OUT.mkdir(parents=True, exist_ok=True)
    fig.savefig(OUT / name, dpi=dpi, bbox_inches='tight'); plt.close(fig)
    print(f"{OUT / name}: {(OUT / name).stat().st_size // 1024} kB")

def figure2():
    "The paper's Figure 2 as a diagram: the five components and what flows between them."
    fig, ax = plt.subplots(figsize=(10, 2.8)); ax.set_axis_off(); ax.set_xlim(0, 10.4); ax.set_ylim(0, 2.8)
    def box(x, y, text, colour, w=1.7):
        ax.add_patch(matplotlib.patches.FancyBboxPatch((x, y), w, 0.9, boxstyle='round,pad=0.05', fc=colour, ec='#555555'))
        ax.text(x + w / 2, y + 0.45, text, ha='center', va='center', fontsize=8)
    def arrow(a, b, label='', dx=0., dy=0.08):
        ax.annotate('', b, a, arrowprops=dict(arrowstyle='->', color='#333333'))
        if label: ax.text((a[0] + b[0]) / 2 + dx, (a[1] + b[1]) / 2 + dy, label, ha='center', fontsize=7)
    box(0.0, 1.7, 'pixel $(u, v)$ of photo $i$\n$K_i$, pose $T_i$, code $e_i$', '#eeeeee')
    box(2.1, 1.7, 'P  projection\npose refinement,\nray residual', '#cfe2f3')
    box(4.2, 1.7, 'RC  ray tracer\n$t$, normal $n$, uv,\ncoverage', '#cfe2f3')
    box(6.3, 1.7, 'T  texture\n$\\rho_d$, $\\rho_s$, shininess', '#d9ead3')
    box(8.4, 1.7, 'S  Blinn-Phong\nambient + diffuse\n+ specular = rgb', '#fce5cd')
    box(4.2, 0.1, 'light $\\ell_i$ of photo $i$\n(learned, camera frame)', '#fff2cc')
    box(6.3, 0.1, 'L  lighting\nao$(x, n, e)$\nshadow$(x, n, l_i)$', '#d9ead3')
    arrow((1.75, 2.15), (2.1, 2.15)); arrow((3.85, 2.15), (4.2, 2.15), 'ray $(o, d)$', dy=0.5)
    arrow((5.95, 2.15), (6.3, 2.15), 'uv', dy=0.5); arrow((8.05, 2.15), (8.4, 2.15), '$\\rho_d, \\rho_s, s$', dy=0.5)
    arrow((5.5, 1.7), (6.7, 1.0), '$x$, $n$', dx=-0.35, dy=-0.1)
    arrow((5.95, 0.55), (6.3, 0.55), '$l_i$', dy=0.1)
    arrow((8.05, 0.55), (8.9, 1.7), 'ao, shadow', dx=0.55, dy=-0.2)
    ax.text(10.15, 2.15, 'GBuffer', ha='left', va='center', fontsize=8); arrow((10.05, 2.15), (10.15, 2.15))
    _save(fig, 'figure2.png')

def gbuffer_sheet(view):
    "Photo 0 of the run: the photo, the render and every buffer (`RunView`, `explore.buffer_display`)."
    from neural_face.explore import buffer_display
    names = ('target', 'rgb', 'normal', 'depth', 'uv', 'albedo_diffuse', 'ao', 'shadow', 'diffuse', 'specular')
    fr = view.render(0)
    fig, axs = plt.subplots(1, len(names), figsize=(1.45 * len(names), 1.75))
    for ax, n in zip(axs, names):
        img, _ = buffer_display(n, *view.buffer_values(fr, n))
        ax.imshow(img.permute(1, 2, 0).clamp(0, 1).numpy()); ax.set_axis_off(); ax.set_title(n.replace('albedo_diffuse', 'albedo').replace('target', 'photo'), fontsize=7)
    _save(fig, 'gbuffer_sample.png')

def fit_curve(run: Path):
    "Training PSNR (linear, the loss's space) per epoch, with the curriculum's stages."
    rows = [json.loads(l) for l in (run / 'metrics.jsonl').read_text().splitlines()]
    fig, ax = plt.subplots(figsize=(6, 2.4))
    ax.plot([r['epoch'] for r in rows], [r['psnr_linear'] for r in rows], lw=1)
    starts = [r['epoch'] for r in rows if r['stage_epoch'] == 1]
    for s, r in zip(starts, [r for r in rows if r['stage_epoch'] == 1]):
        ax.axvline(s, color='#bbbbbb', lw=0.8); ax.text(s + 2, ax.get_ylim()[0] + 0.5, r['stage'], fontsize=7)
    ax.set_xlabel('epoch'); ax.set_ylabel('training PSNR (dB, linear)'); ax.grid(alpha=0.3)
    _save(fig, 'fit_curve.png')

def light_sweep(view):
    "Photo 0 relit from the subject's right to the subject's left (`RunView.render` with a new light)."
    from neural_face.explore import display_face
    az = (60, 30, 0, -30, -60)
    fig, axs = plt.subplots(1, len(az), figsize=(1.5 * len(az), 1.8))
    for ax, a in zip(axs, az):
        fr = view.render(0, light={'azimuth': float(a), 'elevation': 10.})
        ax.imshow(display_face(view, fr).permute(1, 2, 0).clamp(0, 1).numpy()); ax.set_axis_off(); ax.set_title(f'azimuth {a:+d}°', fontsize=7)
    _save(fig, 'light_sweep.png')

def inversion_panel(run: Path):
    "A held-out photo of the sample inverted with the run (`invert`): the figure `save_inversion` writes, made smaller."
    from neural_face.synthetic import sample_set
    from neural_face.invert import invert, figure_panels
    from neural_face.core import show_images
    inv = invert(run, sample_set(1, 64, first=15)[0])
    panels = figure_panels(inv)
    fig = show_images([im for _, im in panels], [t for t, _ in panels], size=1.6)
    _save(fig, 'inversion_panel.png')

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--run', type=Path, default=Path('runs/demo'), help='a trained sample run (`neural-face fit --sample`)')
    a = ap.parse_args()
    torch.manual_seed(0)
    from neural_face.explore import RunView
    view = RunView(a.run, size=128, bf16=False)
    figure2(); gbuffer_sheet(view); fit_curve(a.run); light_sweep(view); inversion_panel(a.run)
