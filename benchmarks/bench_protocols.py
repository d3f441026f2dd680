#!/usr/bin/env python3
"""The benchmark protocols of 14_evaluate: one command each, a JSON result and a printed table.

    python benchmarks/bench_protocols.py sample [--quick] [--out results/sample.json]
    python benchmarks/bench_protocols.py yaleb --subjects yaleB01 yaleB02 [--data ../shared/data] [--shape-prior 1]
    python benchmarks/bench_protocols.py lfw
    python benchmarks/bench_protocols.py speed

The same as `neural-face bench PROTOCOL ...`. Data: --data, else $NEURAL_FACE_DATA, else ../shared/data.
"""
import sys
from neural_face.bench import main

if __name__ == '__main__': sys.exit(main())
