"""``crampcoach profile``: show, set, medicines, export."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from crampcoach.voice.clock import local_now
from crampcoach.voice.errors import UserError

from . import store


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def add_commands(sub: Any) -> None:
    p = sub.add_parser("profile", help="your health profile, for the coach and your doctor")
    ps = p.add_subparsers(dest="profile_command", metavar="ACTION", required=True)
    ps.add_parser("show", help="print the profile").set_defaults(func=cmd_show)
    st = ps.add_parser("set", help=f"set an item to yes or no ({', '.join(store.ITEMS)})")
    st.add_argument("key", choices=sorted(store.ITEMS))
    st.add_argument("value", choices=(store.YES, store.NO))
    st.set_defaults(func=cmd_set)
    dt = ps.add_parser("details", help="your name and date of birth, for the doctor's report "
                       "(optional; an empty value removes it)")
    dt.add_argument("--name", metavar="NAME")
    dt.add_argument("--birth-date", metavar="DATE", help="YYYY-MM-DD")
    dt.set_defaults(func=cmd_details)
    am = ps.add_parser("add-medicine", help="a medicine you take, with when you started it")
    am.add_argument("name", help="its generic name, e.g. atorvastatin")
    am.add_argument("--since", type=_day, required=True, metavar="DATE")
    am.set_defaults(func=cmd_add_medicine)
    sm = ps.add_parser("stop-medicine", help="a medicine you stopped taking (kept, with the day "
                       "it stopped, for the doctor's report)")
    sm.add_argument("name")
    sm.add_argument("--on", type=_day, metavar="DATE", help="YYYY-MM-DD (default: today)")
    sm.set_defaults(func=cmd_stop_medicine)
    rm = ps.add_parser("remove-medicine", help="a medicine you no longer take, or one added "
                       "by mistake (deleted)")
    rm.add_argument("name")
    rm.set_defaults(func=cmd_remove_medicine)
    ps.add_parser("export", help="print the profile as JSON").set_defaults(func=cmd_export)


def _run(cfg: Any, action: Any, create: bool = True) -> Any:
    try:
        with store.open_profile(cfg.data_dir, create=create) as j:
            return action(j)
    except store.ProfileError as err:
        raise UserError(str(err)) from None


def cmd_show(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    profile = _run(cfg, store.export, create=False)  # reading only: a read-only folder will do
    for key, label in store.DETAILS.items():
        print(f"{label:<24} {profile['details'].get(key, 'not given')}")
    for key, label in store.ITEMS.items():
        print(f"{key:<24} {profile['items'][key] or 'not set':<8} ({label})")
    print("medicines:" if profile["medicines"] else "medicines: none")
    for m in profile["medicines"]:
        flag = f"  [associated with cramps: {m['class']}]" if m["class"] else ""
        stopped = f", stopped {m['stopped']}" if m.get("stopped") else ""
        print(f"  {m['name']} since {m['since']}{stopped}{flag}")
    print(f"vein checks: {len(profile['vein_checks'])}")
    return 0


def cmd_details(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    given = {k: v for k, v in (("name", args.name), ("birth_date", args.birth_date))
             if v is not None}
    if not given:
        raise UserError("give --name, --birth-date or both")

    def save(j: store.Database) -> None:
        for key, value in given.items():
            store.set_detail(j, key, value, local_now())

    _run(cfg, save)
    for key, value in given.items():
        print(f"{store.DETAILS[key]}: {value or 'removed'}")
    return 0


def cmd_set(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    _run(cfg, lambda j: store.set_item(j, args.key, args.value, local_now()))
    print(f"{args.key} = {args.value}")
    return 0


def cmd_add_medicine(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    replaced = _run(cfg, lambda j: store.add_medicine(j, args.name, args.since, local_now()))
    if replaced:  # one course is kept a medicine: the earlier one is not lost in silence
        print(f"crampcoach: {replaced['name']} was taken from {replaced['since']} to "
              f"{replaced['stopped']}; that course is replaced by this one", file=sys.stderr)
    cls = store.medicine_class(args.name)
    print(f"added {args.name} since {args.since}" +
          (f" (associated with cramps: {cls}; never stop it without the prescriber)"
           if cls else ""))
    return 0


def cmd_stop_medicine(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    now = local_now()
    on = args.on or now.date()
    name = _run(cfg, lambda j: store.stop_medicine(j, args.name, on, now))
    print(f"stopped {name} on {on}")
    return 0


def cmd_remove_medicine(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    _run(cfg, lambda j: store.remove_medicine(j, args.name))
    print(f"removed {args.name}")
    return 0


def cmd_export(args: argparse.Namespace, cfg: Any, host: Any) -> int:
    print(json.dumps(_run(cfg, store.export, create=False), indent=2, ensure_ascii=False))
    return 0
