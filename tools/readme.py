#!/usr/bin/env python3
"""README.md is nbs/index.ipynb rendered as Markdown (nbdev_readme needs Quarto, which these machines lack).

    python tools/readme.py           write README.md
    python tools/readme.py --check   exit 1 (and say so) when README.md is out of date

Markdown cells are copied as they are (image links rebased from nbs/ to the root); code cells become ```python blocks without their nbdev
directives; cells marked `#| hide` are left out; outputs are never included (notebooks are
committed clean), so the result is deterministic. A few lines of Python do this exactly, where
nbconvert would need a template and preprocessors to drop directives and hidden cells.
"""
import json, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = "<!-- Generated from nbs/index.ipynb by `python tools/readme.py`; edit the notebook, not this file. -->\n\n"

def render(nb_path=ROOT/'nbs'/'index.ipynb') -> str:
    nb = json.loads(Path(nb_path).read_text(encoding='utf-8'))
    parts = []
    for cell in nb['cells']:
        src = ''.join(cell['source']).strip('\n')
        lines = src.split('\n')
        directives = [l.strip() for l in lines if l.strip().startswith('#|')]
        if cell['cell_type'] == 'markdown': parts.append(src.replace('](images/', '](nbs/images/'))  # image paths from the repository root
        elif cell['cell_type'] == 'code':
            if any(d.replace(' ', '') in ('#|hide', '#|exporti', '#|export') for d in directives): continue
            code = '\n'.join(l for l in lines if not l.strip().startswith('#|')).strip('\n')
            if code: parts.append(f"```python\n{code}\n```")
    return HEADER + '\n\n'.join(parts) + '\n'

def main(argv):
    readme, text = ROOT/'README.md', render()
    if '--check' in argv:
        if not readme.exists() or readme.read_text(encoding='utf-8') != text:
            print("README.md is out of date with nbs/index.ipynb: run `python tools/readme.py`", file=sys.stderr)
            return 1
        return 0
    readme.write_text(text, encoding='utf-8')
    return 0

if __name__ == '__main__': sys.exit(main(sys.argv[1:]))
