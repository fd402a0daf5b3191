using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Stance.Server.Tests;

/// <summary>Stopping the server (what SIGTERM does) lets the requests in flight finish with their answers.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task A_request_in_flight_when_the_server_stops_is_answered()
    {
        await using WebApplication app = StanceServer.Build(new ServerOptions
        {
            ModelPath = Repository.FastModel,
            Port = 0,
            WatchModel = false,
            AccessLog = false,
            MaxTextsInFlight = 1,
            MaxTextsQueued = 10,
            QueueTimeout = TimeSpan.FromSeconds(60),
        });
        await app.StartAsync();
        ModelHost host = app.Services.GetRequiredService<ModelHost>();
        using var client = new HttpClient { BaseAddress = new Uri(StanceServer.Addresses(app).Single()) };

        // The request waits for the permit another holds: it is in flight.
        RateLimitLease busy = host.Current.Limiter.AttemptAcquire(1);
        Task<HttpResponseMessage> inFlight = client.PostAsync("/v1/classify", Api.Json(new { texts = new[] { "Keep the channels open." } }));
        for (int i = 0; i < 400 && host.Current.Limiter.GetStatistics()!.CurrentQueuedCount == 0; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(1, host.Current.Limiter.GetStatistics()!.CurrentQueuedCount);
        Task stopping = app.StopAsync();
        Assert.False(inFlight.IsCompleted);
        busy.Dispose();

        HttpResponseMessage response = await inFlight;
        await stopping;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("pro-", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
