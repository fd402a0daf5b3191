using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Stance.Server;

/// <summary>
/// One structured log line per request: method, path, status, duration and the number of texts.
/// Never the texts themselves: quotes and articles stay out of the logs.
/// </summary>
internal sealed class AccessLog(RequestDelegate next, ILogger<AccessLog> logger)
{
    private static readonly object TextsKey = new();

    /// <summary>Records how many texts the request carried (classify: texts; extract: statements found).</summary>
    public static void SetTexts(HttpContext context, int texts) => context.Items[TextsKey] = texts;

    public async Task InvokeAsync(HttpContext context)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            double milliseconds = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            int texts = context.Items.TryGetValue(TextsKey, out object? n) ? (int)n! : 0;
            logger.LogInformation(
                "{Method} {Path} {Status} {DurationMs:0.0} ms texts={Texts}",
                context.Request.Method,
                context.Request.Path.Value,
                context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted ? 499 : context.Response.StatusCode,
                milliseconds,
                texts);
        }
    }
}
