#!/usr/bin/env python3
"""重庆机关事务标准化发布系统 — the one command for editors.

    python build.py check            检查 standards_src/ 中的源文件
    python build.py                  检查并生成网站到 site/
    python build.py serve            本地预览，修改源文件后自动刷新
    python build.py bundle           生成离线包 dist/*.zip
    python build.py new standard     从模板新建一个标准文件
    python build.py publish 2025-2   冻结一期目录

Options: --src DIR, --out DIR, --dist DIR, --as-of YYYY-MM-DD, --port N, --cache DIR, --verbose;
`python build.py -h` prints the Chinese help (stdsite/cli/args.py).
"""
import sys

from stdsite.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
