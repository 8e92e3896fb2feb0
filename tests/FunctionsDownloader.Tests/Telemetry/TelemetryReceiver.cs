using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FunctionsDownloader.Tests.Telemetry;

/// <summary>
/// A local HTTP endpoint that takes whatever telemetry is posted to it (OTLP over HTTP, Azure Monitor's
/// track endpoint), answers 200 and keeps the path, content type and body of every post.
/// </summary>
public sealed class TelemetryReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Post> _posts;

    private TelemetryReceiver(WebApplication app, ConcurrentQueue<Post> posts)
    {
        _app = app;
        _posts = posts;
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUri = new Uri(address.TrimEnd('/') + "/");
    }

    /// <summary>One post: its path, content type and body (gunzipped when it came gzipped).</summary>
    public sealed record Post(string Path, string? ContentType, byte[] Body)
    {
        /// <summary>The body as UTF-8 text.</summary>
        public string Text => Encoding.UTF8.GetString(Body);
    }

    /// <summary>Where it listens, ending in a slash.</summary>
    public Uri BaseUri { get; }

    /// <summary>What was posted so far, oldest first.</summary>
    public IReadOnlyList<Post> Posts => [.. _posts];

    /// <summary>Starts a receiver on a free loopback port.</summary>
    public static async Task<TelemetryReceiver> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        WebApplication app = builder.Build();
        var posts = new ConcurrentQueue<Post>();
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            if (context.Request.Headers.ContentEncoding == "gzip")
            {
                await using var gunzip = new GZipStream(context.Request.Body, CompressionMode.Decompress);
                await gunzip.CopyToAsync(body);
            }
            else
            {
                await context.Request.Body.CopyToAsync(body);
            }

            posts.Enqueue(new Post(context.Request.Path.Value ?? "", context.Request.ContentType, body.ToArray()));
            return Results.Ok();
        });
        await app.StartAsync();
        return new TelemetryReceiver(app, posts);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
