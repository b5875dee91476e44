"""Drive a running LibreOffice (``soffice --accept=…``) through UNO: load one document and convert
it to PDF again and again, printing each conversion's time as one JSON object on stdout.

Run by the system's Python (``/usr/bin/python3``), which has Debian's ``python3-uno``; it imports
nothing of the project. Connecting to LibreOffice (it may still be starting) is not timed; each
timed conversion is: load the file (hidden, read-only), store it as PDF, close it.

    /usr/bin/python3 lo_driver.py CONNECT SOURCE OUT RUNS [WARMUP] [CONNECT_TIMEOUT_S]

prints ``{"times": [...], "warmup": [...]}`` (seconds), or ``{"error": "..."}`` and exits 1.
"""

import json
import sys
import time


def _connect(connect, timeout):
    import uno
    from com.sun.star.connection import NoConnectException

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + timeout
    while True:
        try:
            return resolver.resolve(f"uno:{connect};StarOffice.ComponentContext")
        except NoConnectException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def _prop(name, value):
    import uno

    p = uno.createUnoStruct("com.sun.star.beans.PropertyValue")
    p.Name, p.Value = name, value
    return p


def main(argv):
    connect, source, out, runs = argv[1], argv[2], argv[3], int(argv[4])
    warmup = int(argv[5]) if len(argv) > 5 else 1
    timeout = float(argv[6]) if len(argv) > 6 else 60.0
    import uno

    ctx = _connect(connect, timeout)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    src_url, out_url = uno.systemPathToFileUrl(source), uno.systemPathToFileUrl(out)
    load = (_prop("Hidden", True), _prop("ReadOnly", True))
    store = (_prop("FilterName", "writer_pdf_Export"), _prop("Overwrite", True))
    times = []
    for _ in range(warmup + runs):
        start = time.perf_counter()
        doc = desktop.loadComponentFromURL(src_url, "_blank", 0, load)
        if doc is None:
            raise RuntimeError("LibreOffice did not load " + source)
        try:
            doc.storeToURL(out_url, store)
        finally:
            doc.close(True)
        times.append(time.perf_counter() - start)
    print(json.dumps({"times": times[warmup:], "warmup": times[:warmup]}))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except Exception as e:  # noqa: BLE001 - any failure is reported to the bench as words
        print(json.dumps({"error": f"{type(e).__name__}: {e}"}))
        sys.exit(1)
