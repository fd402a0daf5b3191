using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;

namespace Stance.Server.Tests;

/// <summary>
/// Replacing the model file (atomically, as `stance train` writes it) switches the server to the new
/// model; requests in flight finish on the old one; a damaged file is refused and the old model keeps serving.
/// </summary>
public sealed class ReloadTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("stance-reload-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_replaced_model_is_served_a_damaged_one_is_refused_and_requests_in_flight_finish_on_theirs()
    {
        string model = Path.Combine(_directory, "model.zip");
        File.Copy(Repository.FastModel, model);
        await using TestApp app = await TestApp.StartAsync(new ServerOptions { ModelPath = model, Port = 0, ReloadDelay = TimeSpan.FromMilliseconds(50) });
        JsonNode before = await Classify(app);

        // A request in flight holds the model it started with.
        ModelLease inFlight = app.Host.Acquire();
        Assert.Equal(1, inFlight.Model.Generation);

        // A damaged file, moved into place atomically: refused, generation 1 keeps serving.
        Replace(model, path => File.WriteAllBytes(path, File.ReadAllBytes(Repository.FastModel).AsSpan(0, 100_000).ToArray()));
        await Until(() => app.Host.FailedReloads == 1);
        Assert.Equal(1, app.Host.Current.Generation);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.PostAsync("/v1/classify", Api.Json(new { texts = new[] { "Keep talking." } }))).StatusCode);
        Assert.Contains(app.Log.Lines, l => l.Message.Contains("was refused, still serving generation 1", StringComparison.Ordinal));

        // A new model (the same weights in a new file): served as generation 2.
        Replace(model, path =>
        {
            File.Copy(Repository.FastModel, path);
            using ZipArchive zip = ZipFile.Open(path, ZipArchiveMode.Update);
            using (var writer = new StreamWriter(zip.CreateEntry("retrained.txt").Open()))
            {
                writer.Write("a new file");
            }
        });
        await Until(() => app.Host.Current.Generation == 2);
        JsonNode info = (await Api.ReadAsync(await app.Client.GetAsync("/v1/model")))["server"]!;
        Assert.Equal(2, (int)info["generation"]!);
        Assert.Equal(1, (int)info["failed_reloads"]!);
        JsonNode after = await Classify(app);
        Assert.Equal(2, (int)after["model"]!["generation"]!);
        Assert.True(JsonNode.DeepEquals(before["results"], after["results"]));

        // The old model finished its request and only then was let go.
        Assert.False(inFlight.Model.IsDisposed);
        Assert.Equal(before["results"]![0]!["stance_confidence"]!.GetValue<double>(), Math.Round(inFlight.Classifier.Classify("Keep the channels open.").Stance!.Confidence, 4));
        ServedModel old = inFlight.Model;
        inFlight.Dispose();
        Assert.True(old.IsDisposed);
        Assert.False(app.Host.Current.IsDisposed);
    }

    [Fact]
    public async Task A_server_whose_model_cannot_be_loaded_does_not_start_and_names_the_file()
    {
        string model = Path.Combine(_directory, "damaged.zip");
        File.WriteAllText(model, "not a model");

        ModelLoadException e = await Assert.ThrowsAsync<ModelLoadException>(() => TestApp.StartAsync(new ServerOptions { ModelPath = model, Port = 0, WatchModel = false }));

        Assert.StartsWith(model + ": ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("model stream", e.Message, StringComparison.Ordinal);
    }

    private static async Task<JsonNode> Classify(TestApp app) =>
        await Api.ReadAsync(await app.Client.PostAsync("/v1/classify", Api.Json(new { texts = new[] { "Keep the channels open.", "No summit without a denuclearization agenda." } })));

    /// <summary>Writes the new file beside the target and renames it over the target, as `stance train` does.</summary>
    private static void Replace(string target, Action<string> write)
    {
        string temporary = Path.Combine(Path.GetDirectoryName(target)!, "." + Path.GetFileName(target) + ".tmp");
        write(temporary);
        File.Move(temporary, target, overwrite: true);
    }

    /// <summary>Waits (bounded: 20 s) for the file watcher to have acted.</summary>
    private static async Task Until(Func<bool> condition)
    {
        for (int i = 0; i < 400 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), "the server did not act on the replaced model file within 20 s");
    }
}
