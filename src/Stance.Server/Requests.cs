using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Stance.Server;

/// <summary>The body of <c>POST /v1/classify</c>.</summary>
public sealed record ClassifyRequest(IReadOnlyList<string> Texts, bool Explain, int Top, float MinConfidence);

/// <summary>The body of <c>POST /v1/extract</c>.</summary>
public sealed record ExtractRequest(string Article, bool Explain, int Top, float MinConfidence);

/// <summary>
/// Reads and checks request bodies: JSON only (else 415), at most the configured size (else 413),
/// well-formed with fields of the right types (else 400, naming the field). Unknown fields are
/// refused, so that a misspelled option is not silently ignored.
/// </summary>
public static class Requests
{
    public const int DefaultTop = 8;

    public static async Task<ClassifyRequest> ReadClassifyAsync(HttpRequest request, ServerOptions options)
    {
        using JsonDocument document = await ReadJsonAsync(request, options);
        JsonElement root = document.RootElement;
        List<string>? texts = null;
        (bool explain, int top, float minConfidence) = (false, DefaultTop, 0f);
        foreach (JsonProperty property in Fields(root))
        {
            switch (property.Name)
            {
                case "texts":
                    texts = Texts(property.Value, options);
                    break;
                case "explain" or "top" or "min_confidence":
                    Common(property, options, ref explain, ref top, ref minConfidence);
                    break;
                default:
                    throw Unknown(property.Name, "texts, explain, top, min_confidence");
            }
        }

        return new ClassifyRequest(texts ?? throw new RequestException(400, "the field 'texts' is required: {\"texts\": [\"a quote\", ...]}"), explain, top, minConfidence);
    }

    public static async Task<ExtractRequest> ReadExtractAsync(HttpRequest request, ServerOptions options)
    {
        using JsonDocument document = await ReadJsonAsync(request, options);
        string? article = null;
        (bool explain, int top, float minConfidence) = (false, DefaultTop, 0f);
        foreach (JsonProperty property in Fields(document.RootElement))
        {
            switch (property.Name)
            {
                case "article":
                    article = property.Value.ValueKind == JsonValueKind.String
                        ? property.Value.GetString()!
                        : throw new RequestException(400, $"the field 'article' must be a string (the article's plain text), not {Kind(property.Value)}");
                    break;
                case "explain" or "top" or "min_confidence":
                    Common(property, options, ref explain, ref top, ref minConfidence);
                    break;
                default:
                    throw Unknown(property.Name, "article, explain, top, min_confidence");
            }
        }

        if (article is null)
        {
            throw new RequestException(400, "the field 'article' is required: {\"article\": \"the article's text\"}");
        }

        if (string.IsNullOrWhiteSpace(article))
        {
            throw new RequestException(400, "the field 'article' is empty; send the article's plain text");
        }

        return new ExtractRequest(article, explain, top, minConfidence);
    }

    private static List<string> Texts(JsonElement value, ServerOptions options)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new RequestException(400, $"the field 'texts' must be an array of strings, not {Kind(value)}");
        }

        int count = value.GetArrayLength();
        if (count > options.MaxTexts)
        {
            throw new RequestException(413, $"the field 'texts' has {count} texts; the limit is {options.MaxTexts} per request (send several requests, or start the server with a larger --max-texts)");
        }

        var texts = new List<string>(count);
        int i = 0;
        foreach (JsonElement text in value.EnumerateArray())
        {
            texts.Add(text.ValueKind == JsonValueKind.String
                ? text.GetString()!
                : throw new RequestException(400, $"the field 'texts[{i}]' must be a string, not {Kind(text)}"));
            i++;
        }

        return texts;
    }

    private static void Common(JsonProperty property, ServerOptions options, ref bool explain, ref int top, ref float minConfidence)
    {
        JsonElement value = property.Value;
        switch (property.Name)
        {
            case "explain":
                explain = value.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw new RequestException(400, $"the field 'explain' must be true or false, not {Kind(value)}"),
                };
                break;
            case "top":
                top = value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n) && n >= 1 && n <= options.MaxTop
                    ? n
                    : throw new RequestException(400, $"the field 'top' must be a whole number from 1 to {options.MaxTop}, not {Describe(value)}");
                break;
            default:
                minConfidence = value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double p) && p >= 0 && p <= 1
                    ? (float)p
                    : throw new RequestException(400, $"the field 'min_confidence' must be a number from 0 to 1, not {Describe(value)}");
                break;
        }
    }

    private static RequestException Unknown(string name, string known) =>
        new(400, $"unknown field '{name}'; the fields are: {known}");

    /// <summary>Reads the body (JSON, within the size limit) and parses it into an object.</summary>
    /// <summary>The fields of the body, refusing one given twice (else the last would silently win).</summary>
    private static IEnumerable<JsonProperty> Fields(JsonElement body)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty property in body.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                throw new RequestException(400, $"the field '{property.Name}' is given twice; give each field once");
            }

            yield return property;
        }
    }

    /// <summary>" at line L, byte B" (both from 1) of a parse error, when the parser knows it.</summary>
    private static string Position(JsonException e) =>
        e.LineNumber is { } line && e.BytePositionInLine is { } position ? $" at line {line + 1}, byte {position + 1}" : string.Empty;

    /// <summary>The parser's reason without the position it appends (" LineNumber: 0 | BytePositionInLine: 15."), which <see cref="Position"/> says in words.</summary>
    private static string Reason(JsonException e)
    {
        int at = e.Message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (at >= 0 ? e.Message[..at] : e.Message).TrimEnd('.', ' ');
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpRequest request, ServerOptions options)
    {
        if (!IsJson(request.ContentType))
        {
            throw new RequestException(415, request.ContentType is null
                ? "the request has no Content-Type; send the body as JSON with 'Content-Type: application/json'"
                : $"Content-Type '{request.ContentType}' is not supported; send the body as JSON with 'Content-Type: application/json'");
        }

        if (request.ContentLength > options.MaxBodyBytes)
        {
            throw TooLarge(request.ContentLength.Value, options);
        }

        byte[] body;
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 16 * 1024, options.MaxBodyBytes) + 1);
        try
        {
            int length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > options.MaxBodyBytes)
                    {
                        throw TooLarge(null, options);
                    }

                    byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, options.MaxBodyBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read = await request.Body.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > options.MaxBodyBytes)
                {
                    throw TooLarge(null, options);
                }
            }

            body = buffer.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new RequestException(400, body.Length == 0 ? "the request body is empty; send a JSON object" : $"the body is not valid JSON{Position(e)}: {Reason(e)}");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            string kind = Kind(document.RootElement);
            document.Dispose();
            throw new RequestException(400, $"the body must be a JSON object, not {kind}");
        }

        return document;
    }

    private static RequestException TooLarge(long? length, ServerOptions options) => new(
        413,
        length is { } n
            ? $"the request body has {n} bytes; the limit is {options.MaxBodyBytes} (send fewer texts per request, or start the server with a larger --max-body-bytes)"
            : $"the request body is over the limit of {options.MaxBodyBytes} bytes (send fewer texts per request, or start the server with a larger --max-body-bytes)");

    private static bool IsJson(string? contentType)
    {
        if (contentType is null)
        {
            return false;
        }

        ReadOnlySpan<char> media = contentType.AsSpan();
        int semicolon = media.IndexOf(';');
        media = (semicolon >= 0 ? media[..semicolon] : media).Trim();
        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Describe(JsonElement value) => value.ValueKind is JsonValueKind.Number ? value.GetRawText() : Kind(value);
}
