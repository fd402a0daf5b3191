using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Stance.Server;

/// <summary>A request the server refuses: its HTTP status and a one-line message a person can act on.</summary>
public sealed class RequestException(int status, string detail) : Exception(detail)
{
    public int Status { get; } = status;
}

/// <summary>RFC 9457 problem documents (<c>application/problem+json</c>): type, title, status, detail, instance; never a stack trace.</summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    /// <summary>Writes a problem document as the response.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string detail, TimeSpan? retryAfter = null)
    {
        HttpResponse response = context.Response;
        response.StatusCode = status;
        response.ContentType = ContentType;
        if (retryAfter is { } wait)
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        using (var json = new Utf8JsonWriter(response.BodyWriter, Json.Options))
        {
            json.WriteStartObject();
            json.WriteString("type", "about:blank");
            json.WriteString("title", Title(status));
            json.WriteNumber("status", status);
            json.WriteString("detail", detail.ReplaceLineEndings(" "));
            json.WriteString("instance", context.Request.Path.Value);
            json.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    /// <summary>The standard reason phrase of a status (the problem's title).</summary>
    public static string Title(int status) => status switch
    {
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
    };
}

/// <summary>How the server writes JSON: quotes' apostrophes and non-ASCII letters as themselves (the content type says JSON; nothing is embedded in HTML).</summary>
internal static class Json
{
    public static readonly JsonWriterOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
