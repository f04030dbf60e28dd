#!/usr/bin/env python
import sys

from isogov.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv))
