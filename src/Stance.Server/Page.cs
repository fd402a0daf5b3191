using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Stance.Server;

/// <summary>The analysts' page: files embedded in this assembly (it works offline; nothing comes from a CDN).</summary>
internal static class Page
{
    private static readonly FrozenDictionary<string, Asset> Assets = Load();

    /// <summary>The URL paths of the page's files (<c>/</c> is <c>index.html</c>).</summary>
    public static IEnumerable<string> Paths => Assets.Keys;

    public static async Task Serve(HttpContext context)
    {
        string path = context.Request.Path.Value ?? "/";
        if (!Assets.TryGetValue(path, out Asset? asset))
        {
            await Problems.WriteAsync(context, 404, $"no such page: {path}");
            return;
        }

        HttpResponse response = context.Response;
        response.Headers.ETag = asset.ETag;
        response.Headers.CacheControl = "no-cache";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'";
        if (context.Request.Headers.IfNoneMatch == asset.ETag)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Bytes.Length;
        await response.Body.WriteAsync(asset.Bytes, context.RequestAborted);
    }

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(Page).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (string name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Page/", StringComparison.Ordinal)))
        {
            using Stream stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            byte[] bytes = buffer.ToArray();
            string file = name["Page/".Length..];
            string contentType = Path.GetExtension(file) switch
            {
                ".html" => "text/html; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".svg" => "image/svg+xml",
                _ => "application/octet-stream",
            };
            var asset = new Asset(bytes, contentType, $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}\"");
            assets["/" + file] = asset;
            if (file == "index.html")
            {
                assets["/"] = asset;
            }
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private sealed record Asset(byte[] Bytes, string ContentType, string ETag);
}
