using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Stance.Articles;
using Stance.Extraction;
using Stance.Serialization;

namespace Stance.Server;

/// <summary>The API's handlers: JSON in, JSON out, the same numbers and names as the command line's JSON.</summary>
internal static class Endpoints
{
    /// <summary>Up to this many texts are classified on the request's thread; more go through the batch path on every core.</summary>
    private const int SequentialTexts = 32;

    public static async Task Classify(HttpContext context, ModelHost host, ServerOptions options)
    {
        ClassifyRequest request = await Requests.ReadClassifyAsync(context.Request, options);
        AccessLog.SetTexts(context, request.Texts.Count);
        using ModelLease lease = host.Acquire();
        using RateLimitLease permit = await AdmitAsync(context, lease.Model, request.Texts.Count);
        StanceClassifier classifier = lease.Classifier;
        IReadOnlyList<string> texts = request.Texts;
        Classification[] results = texts.Count <= SequentialTexts
            ? texts.Select(classifier.Classify).ToArray()
            : classifier.ClassifyMany(texts, context.RequestAborted).ToArray();

        await WriteJsonAsync(context, json =>
        {
            json.WriteStartObject();
            WriteModel(json, lease.Model);
            json.WriteStartArray("results");
            for (int i = 0; i < results.Length; i++)
            {
                json.WriteStartObject();
                json.WriteString("text", texts[i]);
                ClassificationJson.WriteProperties(json, classifier.Heads, results[i], request.MinConfidence);
                if (request.Explain && !results[i].IsError)
                {
                    ClassificationJson.WriteExplanation(json, classifier.Explain(texts[i], request.Top));
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    public static async Task Extract(HttpContext context, ModelHost host, ServerOptions options)
    {
        ExtractRequest request = await Requests.ReadExtractAsync(context.Request, options);
        using ModelLease lease = host.Acquire();

        // The extractor is cheap next to the classifier: count the statements, then admit them.
        IReadOnlyList<ExtractedStatement> statements = QuoteExtractor.Extract(request.Article);
        AccessLog.SetTexts(context, statements.Count);
        using RateLimitLease permit = await AdmitAsync(context, lease.Model, statements.Count);
        StanceClassifier classifier = lease.Classifier;

        // What ArticleAnalyzer.Analyze does, on the statements already extracted.
        Classification[] results = classifier.ClassifyMany(statements.Select(s => s.Text), context.RequestAborted).ToArray();
        List<ClassifiedStatement> classified = statements.Zip(results, (s, c) => new ClassifiedStatement(s, c)).ToList();
        var analysis = new ArticleAnalysis(classified, ArticleAnalyzer.Summarize(classified));
        await WriteJsonAsync(context, json =>
        {
            json.WriteStartObject();
            WriteModel(json, lease.Model);
            json.WriteStartArray("statements");
            foreach (ClassifiedStatement item in analysis.Statements)
            {
                ExtractedStatement s = item.Statement;
                json.WriteStartObject();
                json.WriteString("speaker", s.Speaker);
                WriteNullable(json, "role", s.Role);
                json.WriteString("text", s.Text);
                json.WriteString("kind", s.Kind == StatementKind.Direct ? "direct" : "reported");
                json.WriteNumber("start", s.Start);
                json.WriteNumber("end", s.End);
                json.WriteStartArray("pieces");
                foreach (TextSpan piece in s.Pieces)
                {
                    json.WriteStartArray();
                    json.WriteNumberValue(piece.Start);
                    json.WriteNumberValue(piece.End);
                    json.WriteEndArray();
                }

                json.WriteEndArray();
                ClassificationJson.WriteProperties(json, classifier.Heads, item.Classification, request.MinConfidence);
                if (request.Explain && !item.Classification.IsError)
                {
                    ClassificationJson.WriteExplanation(json, classifier.Explain(s.Text, request.Top));
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("speakers");
            foreach (SpeakerSummary speaker in analysis.Speakers)
            {
                json.WriteStartObject();
                json.WriteString("speaker", speaker.Speaker);
                WriteNullable(json, "role", speaker.Role);
                json.WriteNumber("statements", speaker.Statements);
                json.WriteStartObject("stances");
                foreach (LabelCount count in speaker.Stances)
                {
                    json.WriteNumber(count.Label, count.Count);
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    /// <summary><c>GET /v1/model</c>: what <c>stance info --format json</c> shows, and the server's view of the model.</summary>
    public static async Task Model(HttpContext context, ModelHost host, ServerOptions options)
    {
        using ModelLease lease = host.Acquire();
        JsonObject document = ModelDocument.Build(host.Path, lease.Classifier);
        document["server"] = new JsonObject
        {
            ["generation"] = lease.Model.Generation,
            ["sha256"] = lease.Model.Sha256,
            ["loaded_utc"] = lease.Model.LoadedUtc.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["failed_reloads"] = host.FailedReloads,
            ["texts_in_flight_limit"] = lease.Model.InFlightLimit,
            ["texts_queue_limit"] = lease.Model.QueueLimit,
            ["queue_timeout_ms"] = lease.Model.QueueTimeout.TotalMilliseconds,
            ["max_texts"] = options.MaxTexts,
            ["max_body_bytes"] = options.MaxBodyBytes,
        };
        await WriteJsonAsync(context, json => document.WriteTo(json));
    }

    /// <summary><c>GET /healthz</c>: 200 while a model is loaded and the server is not stopping, else 503.</summary>
    public static async Task Health(HttpContext context, ModelHost host, Microsoft.Extensions.Hosting.IHostApplicationLifetime lifetime)
    {
        bool stopping = lifetime.ApplicationStopping.IsCancellationRequested;
        ServedModel model = host.Current;
        context.Response.StatusCode = stopping ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        await WriteJsonAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteString("status", stopping ? "stopping" : "ready");
            json.WriteString("model", host.Path);
            json.WriteString("tier", model.Classifier.Metadata.Tier);
            json.WriteNumber("generation", model.Generation);
            json.WriteEndObject();
        });
    }

    /// <summary>
    /// Admits <paramref name="texts"/> texts: at once when the model has permits free, else after
    /// a wait in the bounded queue. A full queue is 429, a wait past the queue timeout 503, both
    /// answered at once with Retry-After.
    /// </summary>
    private static async Task<RateLimitLease> AdmitAsync(HttpContext context, ServedModel model, int texts)
    {
        int permits = Math.Clamp(texts, 1, model.InFlightLimit);
        RateLimitLease lease = model.Limiter.AttemptAcquire(permits);
        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(model.QueueTimeout);
        try
        {
            lease = await model.Limiter.AcquireAsync(permits, timeout.Token);
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            throw new RequestException(503, $"the server is busy: {texts} text(s) waited {model.QueueTimeout.TotalSeconds:0.##} s for a turn; retry later");
        }

        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new RequestException(429, $"too many texts are waiting ({model.QueueLimit} at most); retry later, or send fewer at once");
        }

        return lease;
    }

    private static void WriteModel(Utf8JsonWriter json, ServedModel model)
    {
        json.WriteStartObject("model");
        json.WriteString("tier", model.Classifier.Metadata.Tier);
        json.WriteNumber("generation", model.Generation);
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static async Task WriteJsonAsync(HttpContext context, Action<Utf8JsonWriter> write)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        using (var json = new Utf8JsonWriter(context.Response.BodyWriter, Json.Options))
        {
            write(json);
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }
}
