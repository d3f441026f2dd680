#!/usr/bin/env python3
"""Training-batch PSNR against seconds of training for the fit's default epochs and the paper's full passes.

    python benchmarks/plot_schedules.py RESULT.json OUT.png ["label of the default schedule"]

RESULT.json is written by `neural-face bench lfw --schedule both` (its `curves`: per epoch, seconds of training,
training-batch PSNR (linear) and stage). The figure in `11_train` was made this way from
`neural-face bench lfw --size 256 --batch-size 32768 --schedule both` run while the fit's default capped its epochs at
65,536 face pixels (label "epochs capped at 65,536 pixels, coarse batches"); the default no longer caps them.
"""
import json, sys
import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt

def main(src: str, out: str, default_label: str = 'default schedule'):
    res = json.loads(open(src).read())
    f, s = res['figures'], res['settings']
    fig, ax = plt.subplots(figsize=(7, 3.4), dpi=100)
    for name, colour in (('default', 'tab:blue'), ('paper', 'tab:grey')):
        pts = res['curves'].get(name)
        if not pts: continue
        pre = '' if name == 'default' else 'paper_'
        label = (f"{default_label if name == 'default' else 'paper (every pixel, every epoch)'}: "
                 f"{f[pre + 'fit_s']:.0f} s, train {f[pre + 'train_psnr_median']:.1f} / held-out {f[pre + 'heldout_psnr_median']:.1f} dB sRGB")
        ax.plot([p[0] for p in pts], [p[1] for p in pts], color=colour, lw=1.2, label=label)
    ax.set_xlabel('seconds of training'); ax.set_ylabel('training-batch PSNR (dB, linear)')
    ax.set_title(f"LFW Tony Blair, 15 photos at {s['size']} px, batches of {s['batch_size']:,}: {res['machine'].split(' (')[0]}, {res['threads']} threads", fontsize=9)
    ax.grid(alpha=0.3); ax.legend(fontsize=8, loc='lower right')
    fig.tight_layout(); fig.savefig(out); print(out)

if __name__ == '__main__': main(*sys.argv[1:4])
