"""Loopback-only network guard, put on PYTHONPATH for every case run.

Every case must talk to the local recorder and nothing else. This refuses,
before any packet leaves, name resolution of any host other than localhost
and connections to any non-loopback address. Refused attempts are appended
to $CONFORMANCE_BLOCKED_LOG so the harness can report them (a library that
phones home, e.g. telemetry or a price-map download).
"""
import ipaddress
import os
import socket

_LOG = os.environ.get("CONFORMANCE_BLOCKED_LOG")
_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def _note(what):
    if _LOG:
        try:
            with open(_LOG, "a") as fh:
                fh.write(what + "\n")
        except OSError:
            pass


def _is_loopback(host):
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    host = str(host).strip("[]")
    if host.lower() in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


_orig_getaddrinfo = socket.getaddrinfo


def _guarded_getaddrinfo(host, *args, **kwargs):
    if not _is_loopback(host):
        _note(f"getaddrinfo {host}")
        raise socket.gaierror(socket.EAI_NONAME, f"conformance guard: {host} is not loopback")
    return _orig_getaddrinfo(host, *args, **kwargs)


socket.getaddrinfo = _guarded_getaddrinfo

_orig_connect = socket.socket.connect
_orig_connect_ex = socket.socket.connect_ex


def _check(sock, address):
    if sock.family in (socket.AF_INET, socket.AF_INET6):
        host = address[0] if isinstance(address, tuple) else address
        if not _is_loopback(host):
            _note(f"connect {address}")
            raise ConnectionRefusedError(f"conformance guard: {address} is not loopback")


def _guarded_connect(self, address):
    _check(self, address)
    return _orig_connect(self, address)


def _guarded_connect_ex(self, address):
    _check(self, address)
    return _orig_connect_ex(self, address)


socket.socket.connect = _guarded_connect
socket.socket.connect_ex = _guarded_connect_ex
