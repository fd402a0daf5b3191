using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Stance.Server.Tests;

/// <summary>`stance serve` as a process: it starts on the port it says, answers, and on SIGTERM stops accepting, finishes and exits 0.</summary>
public sealed partial class ProcessTests
{
    [Fact]
    public async Task Stance_serve_answers_and_exits_0_on_sigterm()
    {
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        string cli = Path.Combine(Repository.Root, "src", "Stance.Cli", "bin", configuration, "net10.0", "stance.dll");
        Assert.True(File.Exists(cli), $"{cli} is built with the tests");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in new[] { cli, "serve", "--model", Repository.FastModel, "--port", "0", "--no-watch" })
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        try
        {
            var errors = new List<string>();
            var address = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    address.TrySetException(new InvalidOperationException("stance serve ended: " + string.Join(" | ", errors)));
                    return;
                }

                lock (errors)
                {
                    errors.Add(e.Data);
                }

                if (Serving().Match(e.Data) is { Success: true } match)
                {
                    address.TrySetResult(match.Groups[1].Value);
                }
            };
            var log = new List<string>();
            process.OutputDataReceived += (_, e) =>
            {
                lock (log)
                {
                    if (e.Data is not null)
                    {
                        log.Add(e.Data);
                    }
                }
            };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            string url = await address.Task.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.StartsWith("http://127.0.0.1:", url, StringComparison.Ordinal);

            using var client = new HttpClient { BaseAddress = new Uri(url) };
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/v1/classify", Api.Json(new { texts = new[] { "Keep the channels open." } }))).StatusCode);

            Assert.Equal(0, Kill(process.Id, 15));
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, process.ExitCode);
            process.WaitForExit();
            lock (log)
            {
                // The log (standard output): one line per request, and never the quote.
                Assert.Contains(log, l => l.Contains("POST /v1/classify 200", StringComparison.Ordinal) && l.Contains("texts=1", StringComparison.Ordinal));
                Assert.DoesNotContain(log, l => l.Contains("channels", StringComparison.Ordinal));
            }

            lock (errors)
            {
                Assert.Contains(errors, l => l.Contains("stance: stopped", StringComparison.Ordinal));
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    /// <summary>Sends a signal as a person would, with kill(1).</summary>
    private static int Kill(int pid, int signal)
    {
        using Process kill = Process.Start("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        return kill.ExitCode;
    }

    [GeneratedRegex(@"serving .* on (http://[^ ]+) ")]
    private static partial Regex Serving();
}
