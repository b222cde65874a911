#!/usr/bin/env bash
# Installs the system packages the site and the tests need, only when they are missing:
# Graphviz (dot), a CJK font for the flowcharts, Chromium for the browser tests, and nginx and
# openssl for the test that serves the site with docs/help/deploy.md's configuration.
set -euo pipefail
missing=()
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || missing+=(fonts-noto-cjk)   # (not grep -q: with pipefail, fc-list would die of SIGPIPE)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing+=(nginx)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "正在安装系统软件包：${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "缺少 ${missing[*]}，请用管理员权限运行：apt-get install -y ${missing[*]}" >&2; exit 1
  fi
else SUDO=""; fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "缺少 ${missing[*]}，本机没有 apt-get，请手动安装 Graphviz、Noto CJK 字体、Chromium 和 nginx。" >&2; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
