using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;
using Stance.Serialization;

namespace Stance.Server.Tests;

/// <summary>Paths in the repository and beside it.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string FastModel => Path.Combine(Root, "models", "stance-fast.zip");

    public static string AccurateModel => Path.Combine(Root, "models", "stance.zip");

    /// <summary>The seed article beside the repository (../shared/seed), or null when it is absent.</summary>
    public static string? SeedArticle
    {
        get
        {
            string directory = Path.GetFullPath(Path.Combine(Root, "..", "shared", "seed"));
            return Directory.Exists(directory) ? Directory.GetFiles(directory, "*.txt").Order(StringComparer.Ordinal).FirstOrDefault() : null;
        }
    }

    /// <summary>A test article shipped with the tests (invented people).</summary>
    public static string TestArticle => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Articles", "sanctions-debate.txt"));

    private static string FindRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Stance.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Stance.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A server in process (ASP.NET Core's test server), with the log lines it wrote.</summary>
internal sealed class TestApp : IAsyncDisposable
{
    private TestApp(WebApplication app, LogCollector log)
    {
        App = app;
        Log = log;
        Client = app.GetTestClient();
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public LogCollector Log { get; }

    public ModelHost Host => (ModelHost)App.Services.GetService(typeof(ModelHost))!;

    public static async Task<TestApp> StartAsync(ServerOptions options)
    {
        var log = new LogCollector();
        WebApplication app = StanceServer.Build(options, builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Logging.AddProvider(log);
        });
        await app.StartAsync();
        return new TestApp(app, log);
    }

    public static Task<TestApp> StartFastAsync(Func<ServerOptions, ServerOptions>? change = null)
    {
        var options = new ServerOptions { ModelPath = Repository.FastModel, WatchModel = false, Port = 0 };
        return StartAsync(change is null ? options : change(options));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>Collects every log line (category and message) in memory.</summary>
internal sealed class LogCollector : ILoggerProvider
{
    private readonly List<(string Category, LogLevel Level, string Message)> _lines = [];

    public IReadOnlyList<(string Category, LogLevel Level, string Message)> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCollector owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._lines)
            {
                owner._lines.Add((category, logLevel, formatter(state, exception)));
            }
        }
    }
}

/// <summary>Requests and the library's own JSON for comparison.</summary>
internal static class Api
{
    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    public static StringContent Json(object body) => Json(JsonSerializer.Serialize(body));

    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response)
    {
        string body = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(body) ?? throw new InvalidOperationException("null body");
    }

    /// <summary>What the command line's JSON says of one text: ClassificationJson over the library's Classify (and Explain).</summary>
    public static JsonObject Expected(StanceClassifier classifier, string text, float minConfidence = 0f, int? explainTop = null)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("text", text);
            Classification result = classifier.Classify(text);
            ClassificationJson.WriteProperties(json, classifier.Heads, result, minConfidence);
            if (explainTop is { } top && !result.IsError)
            {
                ClassificationJson.WriteExplanation(json, classifier.Explain(text, top));
            }

            json.WriteEndObject();
        }

        return JsonNode.Parse(buffer.ToArray())!.AsObject();
    }

    public static MediaTypeHeaderValue? ContentType(HttpResponseMessage response) => response.Content.Headers.ContentType;
}
