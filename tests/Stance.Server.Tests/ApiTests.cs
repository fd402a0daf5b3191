using System.Net;
using System.Text.Json.Nodes;
using Stance.Articles;
using Stance.Extraction;

namespace Stance.Server.Tests;

/// <summary>
/// Every endpoint in process, against the fast model: the same numbers as the library (what
/// `stance classify --format jsonl` prints), the shapes, and the status codes. Labels of the
/// shipped model are never asserted (it is retrained), only parity with the library.
/// </summary>
public sealed class ApiTests : IAsyncLifetime
{
    public static readonly string[] Quotes =
    [
        "We should not rush into talks before Pyongyang freezes its program.",
        "Talks are the only way to lower the risk of war.",
        "Sanctions relief must wait for verified dismantlement.",
        "The regime will never trade its arsenal for promises.",
        "Keep the channels open.",
        "",
        "   ",
        "No summit without a denuclearization agenda.",
        "Diplomacy with Pyongyang — “a long shot,” as one envoy put it — still beats the alternative.",
        "Maximum pressure has failed; it's time for a humanitarian channel and family reunions.",
        string.Join(' ', Enumerable.Repeat("The alliance must stay firm while leaving the door to dialogue open.", 40)),
    ];

    private TestApp _app = null!;
    private StanceClassifier _library = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApp.StartFastAsync();
        _library = StanceClassifier.Load(Repository.FastModel);
    }

    public async Task DisposeAsync()
    {
        _library.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Classify_gives_one_result_per_text_in_order_with_the_numbers_of_the_library()
    {
        HttpResponseMessage response = await _app.Client.PostAsync("/v1/classify", Api.Json(new { texts = Quotes }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", Api.ContentType(response)!.MediaType);
        JsonNode body = await Api.ReadAsync(response);
        JsonArray results = body["results"]!.AsArray();
        Assert.Equal(Quotes.Length, results.Count);
        for (int i = 0; i < Quotes.Length; i++)
        {
            Assert.True(JsonNode.DeepEquals(Api.Expected(_library, Quotes[i]), results[i]), $"text {i}: {results[i]}");
        }

        Assert.Equal("empty text", (string?)results[5]!["error"]);
        Assert.Equal("fast", (string?)body["model"]!["tier"]);
    }

    [Fact]
    public async Task A_batch_larger_than_the_sequential_path_gives_the_same_numbers()
    {
        string[] texts = Enumerable.Range(0, 300).Select(i => Quotes[i % Quotes.Length] + (i % 3 == 0 ? $" ({i})" : string.Empty)).ToArray();

        JsonArray results = (await Api.ReadAsync(await _app.Client.PostAsync("/v1/classify", Api.Json(new { texts }))))["results"]!.AsArray();

        Assert.Equal(texts.Length, results.Count);
        for (int i = 0; i < texts.Length; i++)
        {
            Assert.True(JsonNode.DeepEquals(Api.Expected(_library, texts[i]), results[i]), $"text {i}");
        }
    }

    [Fact]
    public async Task Explain_top_and_min_confidence_give_what_the_command_line_gives()
    {
        HttpResponseMessage response = await _app.Client.PostAsync("/v1/classify", Api.Json(new { texts = Quotes, explain = true, top = 3, min_confidence = 0.9 }));

        JsonArray results = (await Api.ReadAsync(response))["results"]!.AsArray();
        for (int i = 0; i < Quotes.Length; i++)
        {
            Assert.True(JsonNode.DeepEquals(Api.Expected(_library, Quotes[i], 0.9f, explainTop: 3), results[i]), $"text {i}: {results[i]}");
        }

        Assert.Contains(results, r => (string?)r!["stance"] == "uncertain" || (double?)r["stance_confidence"] >= 0.9);
        Assert.True(results[0]!["stance_explanation"]!["features"]!.AsArray().Count <= 3);
    }

    [Fact]
    public async Task Extract_gives_the_statements_speakers_and_labels_of_stance_extract()
    {
        string article = Repository.SeedArticle is { } seed ? File.ReadAllText(seed) : Repository.TestArticle;
        ArticleAnalysis expected = ArticleAnalyzer.Analyze(_library, article);

        HttpResponseMessage response = await _app.Client.PostAsync("/v1/extract", Api.Json(new { article }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonNode body = await Api.ReadAsync(response);
        JsonArray statements = body["statements"]!.AsArray();
        Assert.NotEmpty(expected.Statements);
        Assert.Equal(expected.Statements.Count, statements.Count);
        for (int i = 0; i < statements.Count; i++)
        {
            ExtractedStatement s = expected.Statements[i].Statement;
            JsonNode actual = statements[i]!;
            Assert.Equal(s.Speaker, (string?)actual["speaker"]);
            Assert.Equal(s.Role, (string?)actual["role"]);
            Assert.Equal(s.Text, (string?)actual["text"]);
            Assert.Equal(s.Kind == StatementKind.Direct ? "direct" : "reported", (string?)actual["kind"]);
            Assert.Equal(s.Start, (int)actual["start"]!);
            Assert.Equal(s.End, (int)actual["end"]!);
            Assert.Equal(s.Pieces.Count, actual["pieces"]!.AsArray().Count);
            JsonObject labels = Api.Expected(_library, s.Text);
            foreach (string name in new[] { "stance", "stance_confidence", "stance_probabilities", "sentiment", "sentiment_confidence", "sentiment_probabilities", "error" })
            {
                Assert.True(JsonNode.DeepEquals(labels[name], actual[name]), $"statement {i} {name}");
            }
        }

        JsonArray speakers = body["speakers"]!.AsArray();
        Assert.Equal(expected.Speakers.Count, speakers.Count);
        for (int i = 0; i < speakers.Count; i++)
        {
            SpeakerSummary summary = expected.Speakers[i];
            Assert.Equal(summary.Speaker, (string?)speakers[i]!["speaker"]);
            Assert.Equal(summary.Role, (string?)speakers[i]!["role"]);
            Assert.Equal(summary.Statements, (int)speakers[i]!["statements"]!);
            Assert.Equal(summary.Stances.Select(c => (c.Label, c.Count)), speakers[i]!["stances"]!.AsObject().Select(p => (p.Key, (int)p.Value!)));
        }
    }

    [Fact]
    public async Task Extract_with_explain_adds_the_words_that_decided()
    {
        JsonNode body = await Api.ReadAsync(await _app.Client.PostAsync("/v1/extract", Api.Json(new { article = Repository.TestArticle, explain = true, top = 4 })));

        JsonNode first = body["statements"]!.AsArray()[0]!;
        Assert.True(JsonNode.DeepEquals(Api.Expected(_library, (string)first["text"]!, explainTop: 4)["stance_explanation"], first["stance_explanation"]));
    }

    [Fact]
    public async Task Model_shows_what_stance_info_shows_and_the_generation()
    {
        HttpResponseMessage response = await _app.Client.GetAsync("/v1/model");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonNode body = await Api.ReadAsync(response);
        Assert.Equal(Repository.FastModel, (string?)body["file"]);
        Assert.Equal(_library.EngineName, (string?)body["engine"]);
        Assert.Equal(_library.Metadata.Tier, (string?)body["tier"]);
        Assert.Equal(_library.Metadata.Heads.Select(h => h.Name), body["heads"]!.AsArray().Select(h => (string)h!["name"]!));
        Assert.Equal(_library.Metadata.TrainingData.Sha256, (string?)body["training_data"]!["sha256"]);
        Assert.Equal(1, (int)body["server"]!["generation"]!);
        Assert.Equal(64, ((string)body["server"]!["sha256"]!).Length);
    }

    [Fact]
    public async Task Health_says_ready_with_the_model()
    {
        HttpResponseMessage response = await _app.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonNode body = await Api.ReadAsync(response);
        Assert.Equal("ready", (string?)body["status"]);
        Assert.Equal("fast", (string?)body["tier"]);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_endpoint()
    {
        HttpResponseMessage response = await _app.Client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonNode paths = (await Api.ReadAsync(response))["paths"]!;
        foreach (string path in new[] { "/v1/classify", "/v1/extract", "/v1/model", "/healthz" })
        {
            Assert.NotNull(paths[path]);
        }

        string classify = paths["/v1/classify"]!.ToJsonString();
        Assert.Contains("\"413\"", classify, StringComparison.Ordinal);
        Assert.Contains("texts", (await _app.Client.GetStringAsync("/openapi/v1.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_and_its_files_are_served_from_the_assembly()
    {
        HttpResponseMessage page = await _app.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", Api.ContentType(page)!.MediaType);
        string html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<script src=\"app.js\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        foreach ((string path, string type) in new[] { ("/app.js", "text/javascript"), ("/app.css", "text/css") })
        {
            HttpResponseMessage file = await _app.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal(type, Api.ContentType(file)!.MediaType);
        }

        using var again = new HttpRequestMessage(HttpMethod.Get, "/");
        again.Headers.IfNoneMatch.Add(page.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await _app.Client.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task Each_request_is_one_log_line_without_the_quotes()
    {
        await _app.Client.PostAsync("/v1/classify", Api.Json(new { texts = new[] { "A secret quote about Pyongyang.", "Another one." } }));
        await _app.Client.PostAsync("/v1/classify", Api.Json("{"));

        string[] lines = _app.Log.Lines.Where(l => l.Category == "Stance.Server.AccessLog").Select(l => l.Message).ToArray();
        Assert.Contains(lines, l => l.StartsWith("POST /v1/classify 200 ", StringComparison.Ordinal) && l.EndsWith("texts=2", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("POST /v1/classify 400 ", StringComparison.Ordinal));
        Assert.DoesNotContain(_app.Log.Lines, l => l.Message.Contains("secret quote", StringComparison.Ordinal));
    }
}
