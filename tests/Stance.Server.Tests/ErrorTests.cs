using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Stance.Server.Tests;

/// <summary>Every refusal is an RFC 9457 problem document with a one-line message naming what to fix, never a stack trace.</summary>
public sealed class ErrorTests : IAsyncLifetime
{
    private TestApp _app = null!;

    public static TheoryData<string, string, int, string> BadBodies => new()
    {
        { "/v1/classify", "{\"texts\": [\"a\"", 400, "not valid JSON at line 1, byte 15: " },
        { "/v1/classify", "{\"texts\": [\"a\"],\n \"top\": x}", 400, "not valid JSON at line 2, byte 9: 'x' is an invalid start of a value" },
        { "/v1/classify", "{\"texts\": [\"a\"], \"texts\": [\"b\"]}", 400, "the field 'texts' is given twice" },
        { "/v1/extract", "{\"article\": \"a\", \"explain\": true, \"explain\": false}", 400, "the field 'explain' is given twice" },
        { "/v1/classify", "", 400, "body is empty" },
        { "/v1/classify", "[\"a quote\"]", 400, "must be a JSON object, not an array" },
        { "/v1/classify", "{}", 400, "'texts' is required" },
        { "/v1/classify", "{\"texts\": \"one quote\"}", 400, "'texts' must be an array of strings, not a string" },
        { "/v1/classify", "{\"texts\": [\"a\", 2]}", 400, "'texts[1]' must be a string, not a number" },
        { "/v1/classify", "{\"texts\": [\"a\", null]}", 400, "'texts[1]' must be a string, not null" },
        { "/v1/classify", "{\"texts\": [\"a\"], \"explain\": \"yes\"}", 400, "'explain' must be true or false" },
        { "/v1/classify", "{\"texts\": [\"a\"], \"top\": 0}", 400, "'top' must be a whole number from 1 to 100, not 0" },
        { "/v1/classify", "{\"texts\": [\"a\"], \"top\": 2.5}", 400, "'top' must be a whole number" },
        { "/v1/classify", "{\"texts\": [\"a\"], \"min_confidence\": 2}", 400, "'min_confidence' must be a number from 0 to 1, not 2" },
        { "/v1/classify", "{\"text\": [\"a\"]}", 400, "unknown field 'text'" },
        { "/v1/classify", "{\"texts\": [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\"]}", 413, "'texts' has 6 texts; the limit is 5" },
        { "/v1/extract", "{}", 400, "'article' is required" },
        { "/v1/extract", "{\"article\": 3}", 400, "'article' must be a string" },
        { "/v1/extract", "{\"article\": \"  \"}", 400, "'article' is empty" },
    };

    public async Task InitializeAsync() => _app = await TestApp.StartFastAsync(o => o with { MaxTexts = 5, MaxBodyBytes = 2048 });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_body_is_refused_naming_the_field(string path, string body, int status, string message)
    {
        HttpResponseMessage response = await _app.Client.PostAsync(path, Api.Json(body));

        await AssertProblem(response, status, message);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_whether_its_length_is_declared_or_not()
    {
        string big = "{\"texts\": [\"" + new string('a', 4000) + "\"]}";

        await AssertProblem(await _app.Client.PostAsync("/v1/classify", Api.Json(big)), 413, "the limit is 2048");

        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/classify") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        await AssertProblem(await _app.Client.SendAsync(request), 413, "over the limit of 2048 bytes");
    }

    [Theory]
    [InlineData("text/plain", "Content-Type 'text/plain")]
    [InlineData(null, "no Content-Type")]
    public async Task A_body_that_is_not_json_is_415(string? contentType, string message)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"texts\": [\"a\"]}"));
        if (contentType is not null)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        await AssertProblem(await _app.Client.PostAsync("/v1/classify", content), 415, message);
    }

    [Fact]
    public async Task Unknown_paths_and_methods_are_problems_too()
    {
        await AssertProblem(await _app.Client.GetAsync("/v1/nothing"), 404, "no such endpoint: /v1/nothing");
        await AssertProblem(await _app.Client.GetAsync("/v1/classify"), 405, "GET is not allowed on /v1/classify");
    }

    internal static async Task<JsonNode> AssertProblem(HttpResponseMessage response, int status, string message)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonNode problem = JsonNode.Parse(body)!;
        Assert.Equal(status, (int)problem["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)problem["title"]));
        string detail = (string)problem["detail"]!;
        Assert.Contains(message, detail, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', detail);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        return problem;
    }
}
