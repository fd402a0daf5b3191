using System.Net;
using System.Text.Json.Nodes;
using System.Threading.RateLimiting;

namespace Stance.Server.Tests;

/// <summary>Concurrency: many parallel requests give exactly the sequential answers; overload is answered 429/503 at once.</summary>
public sealed class LoadTests
{
    [Fact]
    public async Task Many_parallel_requests_give_exactly_the_sequential_results()
    {
        await using TestApp app = await TestApp.StartFastAsync();
        string[][] requests = Enumerable.Range(0, 48)
            .Select(r => Enumerable.Range(0, 1 + (r % 7) * 13).Select(i => ApiTests.Quotes[(r + i) % ApiTests.Quotes.Length] + (i % 2 == 0 ? string.Empty : $" #{r}")).ToArray())
            .ToArray();
        var sequential = new string[requests.Length];
        for (int r = 0; r < requests.Length; r++)
        {
            sequential[r] = await (await app.Client.PostAsync("/v1/classify", Api.Json(new { texts = requests[r] }))).Content.ReadAsStringAsync();
        }

        string[] parallel = await Task.WhenAll(Enumerable.Range(0, requests.Length * 2).Select(async n =>
        {
            await Task.Yield();
            HttpResponseMessage response = await app.Client.PostAsync("/v1/classify", Api.Json(new { texts = requests[n % requests.Length] }));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }));

        for (int n = 0; n < parallel.Length; n++)
        {
            Assert.Equal(sequential[n % requests.Length], parallel[n]);
        }
    }

    [Fact]
    public async Task A_full_queue_is_429_and_a_long_wait_is_503_both_with_retry_after()
    {
        await using TestApp app = await TestApp.StartFastAsync(o => o with { MaxTextsInFlight = 4, MaxTextsQueued = 2, QueueTimeout = TimeSpan.FromMilliseconds(200) });
        ServedModel model = app.Host.Current;

        // Every permit is taken (as by requests in flight).
        using RateLimitLease busy = model.Limiter.AttemptAcquire(4);
        Assert.True(busy.IsAcquired);

        // Three texts do not fit in a queue of two: refused at once.
        HttpResponseMessage full = await app.Client.PostAsync("/v1/classify", Api.Json(new { texts = new[] { "a", "b", "c" } }));
        await ErrorTests.AssertProblem(full, 429, "too many texts are waiting");
        Assert.Equal("1", full.Headers.GetValues("Retry-After").Single());

        // One text waits in the queue, and is answered 503 when its wait runs out.
        HttpResponseMessage waited = await app.Client.PostAsync("/v1/classify", Api.Json(new { texts = new[] { "a" } }));
        await ErrorTests.AssertProblem(waited, 503, "the server is busy");
        Assert.True(waited.Headers.Contains("Retry-After"));

        // Extract is bounded by the same limit.
        await ErrorTests.AssertProblem(await app.Client.PostAsync("/v1/extract", Api.Json(new { article = Repository.TestArticle })), 429, "too many texts are waiting");
        busy.Dispose();

        // Once the permits are back, requests are served again, one queued behind another.
        Assert.Equal(HttpStatusCode.OK, (await app.Client.PostAsync("/v1/classify", Api.Json(new { texts = new[] { "a", "b", "c" } }))).StatusCode);
        JsonNode model2 = (await Api.ReadAsync(await app.Client.GetAsync("/v1/model")))["server"]!;
        Assert.Equal(4, (int)model2["texts_in_flight_limit"]!);
        Assert.Equal(2, (int)model2["texts_queue_limit"]!);
    }
}
