using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Stance.Server;

/// <summary>
/// The Stance HTTP server: an ASP.NET Core minimal API over one loaded, hot-reloaded model, and the
/// analysts' page. <see cref="Build"/> makes the application (tests plug in a test server there);
/// <see cref="RunAsync"/> is what <c>stance serve</c> runs.
/// </summary>
public static class StanceServer
{
    /// <summary>Builds the application and loads the model (a model that cannot be loaded throws <see cref="ModelLoadException"/> here).</summary>
    /// <param name="options">Where to listen, the model, the limits.</param>
    /// <param name="configure">Last changes to the builder (tests: <c>builder.WebHost.UseTestServer()</c>, logging).</param>
    public static WebApplication Build(ServerOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Production, always: no developer exception page, so never a stack trace in a response.
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(StanceServer).Assembly.GetName().Name,
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        if (options.LogFormat == "json")
        {
            builder.Logging.AddJsonConsole(console =>
            {
                console.UseUtcTimestamp = true;
                console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.UseUtcTimestamp = true;
                console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            });
        }
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("System", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes + 1;
            if (options.Host == "localhost")
            {
                kestrel.ListenLocalhost(options.Port);
            }
            else
            {
                kestrel.Listen(IPAddress.Parse(options.Host), options.Port);
            }
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<ModelHost>();
        builder.Services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Stance";
            document.Info.Description = "Stance (pro-engagement, pro-pressure, skeptical) and sentiment of statements about policy toward North Korea. Errors are RFC 9457 problem documents.";
            return Task.CompletedTask;
        }));
        configure?.Invoke(builder);

        WebApplication app = builder.Build();

        // Load the model now: a server that cannot serve should not start.
        app.Services.GetRequiredService<ModelHost>();
        if (options.AccessLog)
        {
            app.UseMiddleware<AccessLog>();
        }

        app.Use(Errors);
        app.UseStatusCodePages(async context =>
        {
            HttpContext http = context.HttpContext;
            if (!http.Response.HasStarted && http.Response.ContentLength is null && http.Response.ContentType is null)
            {
                int status = http.Response.StatusCode;
                await Problems.WriteAsync(http, status, status switch
                {
                    404 => $"no such endpoint: {http.Request.Path}; see /openapi/v1.json",
                    405 => $"{http.Request.Method} is not allowed on {http.Request.Path}; see /openapi/v1.json",
                    415 => http.Request.ContentType is null
                        ? "the request has no Content-Type; send the body as JSON with 'Content-Type: application/json'"
                        : $"Content-Type '{http.Request.ContentType}' is not supported; send the body as JSON with 'Content-Type: application/json'",
                    _ => Problems.Title(status),
                });
            }
        });
        Map(app);
        return app;
    }

    /// <summary>
    /// Runs the server until <paramref name="cancellationToken"/> is cancelled (Ctrl+C, SIGTERM) or
    /// the host stops: then stops accepting connections, lets requests in flight finish (up to
    /// <see cref="ServerOptions.ShutdownTimeout"/>) and returns.
    /// </summary>
    /// <param name="started">Told the address the server listens on, once it does.</param>
    public static async Task RunAsync(ServerOptions options, Action<string>? started = null, CancellationToken cancellationToken = default)
    {
        await using WebApplication app = Build(options);
        await app.StartAsync(cancellationToken);
        started?.Invoke(Addresses(app).FirstOrDefault() ?? $"http://{options.Host}:{options.Port}");
        var stopped = new TaskCompletionSource();
        using (cancellationToken.Register(() => stopped.TrySetResult()))
        using (app.Lifetime.ApplicationStopping.Register(() => stopped.TrySetResult()))
        {
            await stopped.Task;
        }

        await app.StopAsync(CancellationToken.None);
    }

    /// <summary>The addresses a started application listens on (with the port chosen when it was 0).</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    /// <summary>The refusals of an endpoint that reads a JSON body: bad input, too large, not JSON, overload.</summary>
    private static RouteHandlerBuilder ProducesBodyProblems(this RouteHandlerBuilder endpoint) => endpoint
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static void Map(WebApplication app)
    {
        app.MapOpenApi();
        app.MapPost("/v1/classify", (HttpContext context, ModelHost host, ServerOptions options) => Endpoints.Classify(context, host, options))
            .WithName("classify")
            .WithSummary("Classify texts by stance and sentiment: one result per text, in order.")
            .Accepts<ClassifyRequest>("application/json")
            .Produces<ClassifyResponse>(StatusCodes.Status200OK, "application/json")
            .ProducesBodyProblems();
        app.MapPost("/v1/extract", (HttpContext context, ModelHost host, ServerOptions options) => Endpoints.Extract(context, host, options))
            .WithName("extract")
            .WithSummary("Find the statements of an article (quotes and reported speech, speaker, role, offsets), classify each, and summarize per speaker.")
            .Accepts<ExtractRequest>("application/json")
            .Produces<ExtractResponse>(StatusCodes.Status200OK, "application/json")
            .ProducesBodyProblems();
        app.MapGet("/v1/model", (HttpContext context, ModelHost host, ServerOptions options) => Endpoints.Model(context, host, options))
            .WithName("model")
            .WithSummary("The model being served: what `stance info --format json` shows, and the server's generation, hash and limits.")
            .Produces<Dictionary<string, object>>(StatusCodes.Status200OK, "application/json");
        app.MapGet("/healthz", (HttpContext context, ModelHost host, IHostApplicationLifetime lifetime) => Endpoints.Health(context, host, lifetime))
            .WithName("health")
            .WithSummary("200 when the model is loaded and the server is not stopping, else 503.")
            .Produces<HealthResponse>(StatusCodes.Status200OK, "application/json")
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable, "application/json");
        foreach (string path in Page.Paths)
        {
            app.MapGet(path, Page.Serve).ExcludeFromDescription();
        }
    }

    /// <summary>Refused requests become problem documents; anything else is logged and answered 500 without details.</summary>
    private static async Task Errors(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (RequestException e) when (!context.Response.HasStarted)
        {
            await Problems.WriteAsync(context, e.Status, e.Message, e.Status is 429 or 503 ? TimeSpan.FromSeconds(1) : null);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await Problems.WriteAsync(context, e.StatusCode, e.StatusCode == 413 ? "the request body is over the size limit" : e.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StanceServer)).LogError(e, "{Method} {Path} failed", context.Request.Method, context.Request.Path.Value);
            await Problems.WriteAsync(context, 500, "the server failed to answer this request; the server's log has the details");
        }
    }
}
