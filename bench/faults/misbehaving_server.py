import socket, sys, threading, time
mode, port = sys.argv[1], int(sys.argv[2])
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", port)); s.listen(64)
held = []
def handle(c):
    if mode == "close": c.close(); return
    if mode == "hang": held.append(c); return
    data = b""
    c.settimeout(5)
    try:
        while b"\r\n\r\n" not in data:
            d = c.recv(4096)
            if not d: break
            data += d
    except Exception: pass
    body = b"<html><body>502 Bad Gateway (proxy)</body></html>"
    c.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % len(body) + body)
    c.close()
while True:
    c, _ = s.accept()
    threading.Thread(target=handle, args=(c,), daemon=True).start()
