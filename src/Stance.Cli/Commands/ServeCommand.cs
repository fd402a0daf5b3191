using System.CommandLine;
using System.Net;
using Stance.Server;

namespace Stance.Cli.Commands;

/// <summary><c>stance serve</c>: the HTTP API and the analysts' page over one loaded model (see Stance.Server).</summary>
internal sealed class ServeCommand : StanceCommand<ServerOptions>
{
    private readonly Option<string?> _model;
    private readonly Option<string> _host = new("--host") { Description = "The address to listen on: an IP address or localhost. Default 127.0.0.1 (this machine only).", DefaultValueFactory = _ => "127.0.0.1" };
    private readonly Option<int> _port = new Option<int>("--port", "-p") { Description = "The TCP port (0: any free port).", DefaultValueFactory = _ => 5080 }.InRange(0, 65535);
    private readonly Option<int> _maxTexts = new Option<int>("--max-texts") { Description = "Most texts in one /v1/classify request (more: 413).", DefaultValueFactory = _ => 10_000 }.AtLeast(1);
    private readonly Option<long> _maxBody = new Option<long>("--max-body-bytes") { Description = "Largest request body in bytes (more: 413). Default 4 MiB.", DefaultValueFactory = _ => 4L * 1024 * 1024 }.InRange(1024L, 1L << 30);
    private readonly Option<int> _inFlight = new Option<int>("--max-texts-in-flight") { Description = "Texts classified at once over all requests (default: 16,384 for the fast tier, 4 per core for the accurate tier)." }.AtLeast(1);
    private readonly Option<int> _queued = new Option<int>("--max-texts-queued") { Description = "Texts waiting for a turn before requests are answered 429 (default: 4 x --max-texts-in-flight)." }.AtLeast(1);
    private readonly Option<int> _queueTimeout = new Option<int>("--queue-timeout-ms") { Description = "How long a request waits for a turn before it is answered 503 (default: 500 for the fast tier, 5000 for the accurate tier)." }.InRange(1, 60_000);
    private readonly Option<bool> _noWatch = new("--no-watch") { Description = "Do not reload the model when its file is replaced." };
    private readonly Option<bool> _noAccessLog = new("--no-access-log") { Description = "No log line per request." };
    private readonly Option<string> _logFormat = new("--log-format")
    {
        Description = "The log on standard output: text (one line per event) or json (one JSON object per line, with each event's fields).",
        DefaultValueFactory = _ => "text",
    };

    public ServeCommand(CliConsole console)
        : base(
            "serve",
            "Serve the model over HTTP: POST /v1/classify and /v1/extract, GET /v1/model, /healthz, /openapi/v1.json, and the analysts' page at /.",
            console,
            "stance serve",
            "stance serve --model models/stance-fast.zip --port 8080",
            "curl -s localhost:5080/v1/classify -H 'Content-Type: application/json' -d '{\"texts\": [\"Keep the channels open.\"]}'")
    {
        _model = CommonOptions.Model(console);
        _host.Validators.Add(result =>
        {
            string? host = result.Tokens.Count == 0 ? null : result.GetValueOrDefault<string>();
            if (host is not null && host != "localhost" && !IPAddress.TryParse(host, out _))
            {
                result.AddError($"--host must be an IP address (127.0.0.1, 0.0.0.0, ::1) or localhost, not '{host}'");
            }
        });
        Add(_model);
        Add(_host);
        Add(_port);
        Add(_maxTexts);
        Add(_maxBody);
        Add(_inFlight);
        Add(_queued);
        Add(_queueTimeout);
        Add(_noWatch);
        _logFormat.AcceptOnlyFromAmong("text", "json");
        Add(_logFormat);
        Add(_noAccessLog);
    }

    protected override ServerOptions Bind(ParseResult parse) => new()
    {
        ModelPath = ModelLocator.Locate(parse.GetValue(_model), Console),
        Host = parse.GetValue(_host)!,
        Port = parse.GetValue(_port),
        MaxTexts = parse.GetValue(_maxTexts),
        MaxBodyBytes = parse.GetValue(_maxBody),
        MaxTextsInFlight = parse.GetValue(_inFlight),
        MaxTextsQueued = parse.GetValue(_queued),
        QueueTimeout = parse.GetValue(_queueTimeout) is > 0 and int milliseconds ? TimeSpan.FromMilliseconds(milliseconds) : null,
        WatchModel = !parse.GetValue(_noWatch),
        AccessLog = !parse.GetValue(_noAccessLog),
        LogFormat = parse.GetValue(_logFormat)!,
    };

    public override int Run(ServerOptions options, CancellationToken cancellationToken)
    {
        if (!File.Exists(options.ModelPath))
        {
            throw new StanceException($"{options.ModelPath}: model file not found");
        }

        StanceServer.RunAsync(
            options,
            address => Console.Error.WriteLine($"stance: serving {options.ModelPath} on {address} (the page: {address}/, the API: {address}/openapi/v1.json); Ctrl+C stops"),
            cancellationToken).GetAwaiter().GetResult();
        Console.Error.WriteLine("stance: stopped; requests in flight were answered");
        return StanceCli.Success;
    }
}
