"""The ``crampcoach service install | uninstall | status`` commands."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from crampcoach.voice import service, status


def add_commands(sub: Any) -> None:
    """Register ``service`` on the ``crampcoach`` parser."""
    svc = sub.add_parser("service", help="run the coach as a systemd user service")
    ssub = svc.add_subparsers(dest="service_command", metavar="ACTION", required=True)
    inst = ssub.add_parser("install", help="write the user unit, enable and start it")
    inst.add_argument("--no-start", action="store_true",
                      help="only write the unit; do not enable or start it")
    inst.add_argument("--satellite", action="append", default=[], metavar="tcp://HOST:PORT",
                      help="listen through this Wyoming satellite (repeat for several)")
    inst.add_argument("--language", metavar="CODE")
    inst.add_argument("--model", metavar="DIR")
    inst.set_defaults(func=cmd_install)
    un = ssub.add_parser("uninstall", help="stop, disable and remove the user unit")
    un.set_defaults(func=cmd_uninstall)
    st = ssub.add_parser("status", help="whether the coach runs, since when, and its last problem")
    st.set_defaults(func=cmd_status)


def _listen_args(args: argparse.Namespace, cfg: Any) -> list[str]:
    out = ["--data-dir", str(cfg.data_dir.resolve())]
    if cfg.config_file.exists():
        out += ["--config", str(cfg.config_file.resolve())]
    if args.language:
        out += ["--language", args.language]
    if args.model:
        out += ["--model", args.model]
    for url in args.satellite:
        out += ["--satellite", url]
    return out


def cmd_install(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    path = service.write_unit(service.command_line(_listen_args(args, cfg)))
    print(f"wrote {path}")
    if args.no_start:
        print(f"start it with: systemctl --user enable --now {service.UNIT}")
    else:
        try:
            service.systemctl("daemon-reload")
            service.systemctl("enable", "--now", service.UNIT)
        except service.ServiceError as err:
            print(f"crampcoach: {err}; the unit is written: start it later with "
                  f"`systemctl --user enable --now {service.UNIT}`", file=sys.stderr)
            print(service.linger_advice())
            return 1
        print(f"enabled and started {service.UNIT}")
    print(service.linger_advice())
    return 0


def cmd_uninstall(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    path = service.unit_path()
    try:
        service.systemctl("disable", "--now", service.UNIT)
    except service.ServiceError:
        pass  # not enabled, or no systemd here: removing the file is what counts
    if not path.exists():
        print(f"no unit at {path}; nothing to remove")
        return 0
    path.unlink()
    try:
        service.systemctl("daemon-reload")
    except service.ServiceError:
        pass
    print(f"removed {path}")
    return 0


def cmd_status(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    path = service.unit_path()
    print(f"unit: {path}" if path.exists() else f"unit: not installed ({path})")
    try:
        unit = service.unit_state()
        running = unit.get("ActiveState") == "active"
        since = unit.get("ActiveEnterTimestamp") or "unknown"
        print(f"service: {unit.get('ActiveState', '?')} ({unit.get('SubState', '?')})"
              + (f" since {since}" if running else "")
              + f"; {unit.get('UnitFileState') or 'not enabled'}")
    except service.ServiceError as err:
        print(f"service: unknown ({err})")
    seen = status.read_status(cfg.data_dir)
    if seen is None:
        print("coach: no listen has run with this data folder yet")
    else:
        pid = seen.get("pid")
        if pid and not status.process_alive(int(pid)):
            print(f"coach: not running (it stopped unexpectedly; it was {seen.get('state')} "
                  f"since {seen.get('since', '?')})")
        else:
            print(f"coach: {seen.get('state', 'unknown')} since {seen.get('since', '?')}"
                  + (f" (pid {pid})" if pid else ""))
        print(f"model: {seen.get('model', 'unknown')}")
        print(f"microphone: {seen.get('microphone', 'unknown')}")
        problem = seen.get("last_problem")
        print(f"last problem: {problem} ({seen.get('last_problem_at')})" if problem
              else "last problem: none")
    print(service.linger_advice())
    return 0
