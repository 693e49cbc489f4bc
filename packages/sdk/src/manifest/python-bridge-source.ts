/**
 * The Python side of the bridge, run as `python3 -u -c <this> <handler.py> [routes.py]`. It imports the handler once
 * and answers JSON lines on stdin/stdout: `check` lists the missing `on_<event>` functions, `event` runs
 * one, `http` hands a request to the Flask blueprint of `routes.py`, and `pages` lists the blueprint's pages. The handler's `sdk` sends `log` lines and makes `call`s that the runtime answers with a `reply`.
 * What the handler prints goes to stderr, so it never garbles the protocol. Kept as a string so the
 * package ships it with its JavaScript.
 */
export const PYTHON_BRIDGE_SOURCE = String.raw`
import importlib.util, json, os, sys, traceback

_protocol = sys.stdout
sys.stdout = sys.stderr


def _send(message):
    _protocol.write(json.dumps(message, default=str) + "\n")
    _protocol.flush()


def _receive():
    line = sys.stdin.readline()
    if not line:
        sys.exit(0)
    return json.loads(line)


class PluginSDKError(Exception):
    """The runtime refused an sdk call (a bad argument, a conversation that does not exist...)."""


class HttpResponse(dict):
    """{status_code, body, headers, ok}, read as a dict or as attributes."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name)

    def json(self):
        return self["body"]


class Config:
    def __init__(self, values):
        self._values = values or {}

    def get(self, name, default=None):
        value = self._values.get(name)
        return default if value is None else value

    def __getitem__(self, name):
        return self._values[name]

    def __contains__(self, name):
        return self._values.get(name) is not None


class KV:
    """The plugin's own key-value store, kept by the runtime in the bot's database."""

    def __init__(self, call):
        self._call = call

    def get(self, key, default=None):
        answer = self._call("kv_get", {"key": key})
        return answer["value"] if answer["found"] else default

    def set(self, key, value):
        self._call("kv_set", {"key": key, "value": value})

    def add(self, key, value):
        return self._call("kv_add", {"key": key, "value": value})

    def delete(self, key):
        return self._call("kv_delete", {"key": key})

    def keys(self, prefix=""):
        return self._call("kv_keys", {"prefix": prefix})

    def find(self, filter=None, limit=None, skip=None, sort=None):
        return self._call("kv_find", {"filter": filter, "limit": limit, "skip": skip, "sort": sort})

    def count(self, filter=None):
        return self._call("kv_count", {"filter": filter})


class PluginSDK:
    def __init__(self, config):
        self.config = Config(config)
        self.kv = KV(self._call)
        self._calls = 0

    def log(self, message, level="info"):
        _send({"type": "log", "message": str(message), "level": str(level)})

    def http_request(self, method="GET", url="", json=None, headers=None, timeout=30, data=None):
        args = {"method": method, "url": url, "json": json, "headers": headers, "timeout": timeout, "data": data}
        return HttpResponse(self._call("http_request", args))

    def send_message(self, session_id, text):
        return self._call("send_message", {"session_id": session_id, "text": text})

    def _call(self, method, args):
        # Checked here, so a value JSON cannot carry (NaN, a set, a datetime) raises in the handler
        # instead of reaching the runtime changed or unreadable.
        try:
            line = json.dumps({"type": "call", "id": self._calls + 1, "method": method, "args": args}, allow_nan=False)
        except (TypeError, ValueError) as error:
            raise PluginSDKError("sdk.%s: %s; pass JSON values (dict, list, str, int, float, bool, None)" % (method.replace("_", ".", 1) if method.startswith("kv_") else method, error))
        self._calls += 1
        call_id = self._calls
        _protocol.write(line + "\n")
        _protocol.flush()
        while True:
            reply = _receive()
            if reply.get("type") == "reply" and reply.get("id") == call_id:
                break
            if reply.get("type") == "event":
                # The call led the runtime to another event of this plugin (a message sent
                # fires message_sent): it runs now, inside the call that caused it.
                _run(_handler, reply)
        if "error" in reply:
            raise PluginSDKError(reply["error"])
        return reply.get("result")


def _load(path):
    directory = os.path.dirname(os.path.abspath(path))
    if directory not in sys.path:
        sys.path.insert(0, directory)
    spec = importlib.util.spec_from_file_location("parley_plugin_handler", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _serve(module):
    while True:
        request = _receive()
        kind = request.get("type")
        if kind == "check":
            missing = [name for name in request["events"] if not callable(getattr(module, "on_" + name, None))]
            _send({"type": "done", "id": request["id"], "missing": missing})
        elif kind == "event":
            _run(module, request)
        elif kind == "http":
            _http(request)
        elif kind == "pages":
            _pages(request)


_app = None


def _flask_app():
    # routes.py's create_blueprint(), in a Flask app of its own whose templates are the folder's.
    global _app
    if _app is None:
        import flask
        directory = os.path.dirname(os.path.abspath(sys.argv[2]))
        app = flask.Flask("parley_plugin_routes", root_path=directory, template_folder=os.path.join(directory, "templates"))
        spec = importlib.util.spec_from_file_location("parley_plugin_routes", sys.argv[2])
        routes = importlib.util.module_from_spec(spec)
        sys.modules["parley_plugin_routes"] = routes
        spec.loader.exec_module(routes)
        app.register_blueprint(routes.create_blueprint())
        _app = app
    return _app


def _http(request):
    import base64
    try:
        with _flask_app().test_client() as client:
            response = client.open(
                request["path"], method=request["method"], query_string=request.get("query") or {},
                headers=request.get("headers") or {}, data=base64.b64decode(request.get("body") or ""),
            )
            body = response.get_data()
            headers = {name: value for name, value in response.headers.items()}
            _send({"type": "done", "id": request["id"], "status": response.status_code, "headers": headers, "body": base64.b64encode(body).decode("ascii")})
    except BaseException as error:
        _send({"type": "done", "id": request["id"], "error": repr(error), "traceback": traceback.format_exc()})


def _pages(request):
    # A page is what a browser can open by its address alone: a GET route without variables. Routes
    # under api/ are taken for endpoints, and static/ serves files.
    try:
        paths = sorted({
            rule.rule for rule in _flask_app().url_map.iter_rules()
            if "GET" in (rule.methods or ()) and not rule.arguments and rule.endpoint != "static"
            and rule.rule.strip("/").split("/")[0] not in ("api", "static")
        })
        _send({"type": "done", "id": request["id"], "paths": paths})
    except BaseException as error:
        _send({"type": "done", "id": request["id"], "error": repr(error), "traceback": traceback.format_exc()})


def _run(module, request):
    try:
        getattr(module, "on_" + request["event"])(request["data"], PluginSDK(request.get("config")))
        _send({"type": "done", "id": request["id"]})
    except BaseException as error:
        _send({"type": "done", "id": request["id"], "error": repr(error), "traceback": traceback.format_exc()})


try:
    _handler = _load(sys.argv[1])
except BaseException as error:
    _send({"type": "fatal", "error": repr(error), "traceback": traceback.format_exc()})
    sys.exit(1)
_send({"type": "ready"})
_serve(_handler)
`
