using System.Net.Sockets;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.FileProviders;

namespace FunctionsDownloader.MediaSite.Serving;

/// <summary>
/// The fault modes: a 404, a redirect to the direct mp4, and two responses that declare the direct
/// mp4's full Content-Length but send only its first 64 KiB (one then hangs, one closes the
/// connection). Both ignore Range headers, so a client that resumes fails again the same way. A
/// flaky source truncates like that until a test mends it, then serves the direct mp4 whole.
/// </summary>
internal static class FaultEndpoints
{
    /// <summary>How much of the body the stall sends before hanging.</summary>
    public const int StallSentBytes = 64 * 1024;

    /// <summary>How much of the body the truncated response sends before closing.</summary>
    public const int TruncatedSentBytes = 64 * 1024;

    private static readonly TimeSpan _sendLoopGrace = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan _clientCloseWait = TimeSpan.FromSeconds(30);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/" + SitePaths.NotFound, () => Results.NotFound());
        endpoints.MapGet("/" + SitePaths.Redirect, () =>
            Results.Redirect("/" + SitePaths.DirectMp4));
        endpoints.MapGet("/" + SitePaths.Stall, StallAsync);
        endpoints.MapGet("/" + SitePaths.Truncated, TruncateAsync);
        endpoints.MapGet("/" + SitePaths.FlakyPrefix + "{key}.mp4", FlakyAsync);
    }

    private static async Task FlakyAsync(
        string key, HttpContext context, PhysicalFileProvider files, IHostApplicationLifetime lifetime, FlakySources flaky)
    {
        if (flaky.IsMended(key))
        {
            var file = files.GetFileInfo(SitePaths.DirectMp4);
            await Results.File(file.PhysicalPath!, "video/mp4", enableRangeProcessing: true).ExecuteAsync(context);
            return;
        }

        await TruncateAsync(context, files, lifetime);
    }

    private static async Task StallAsync(
        HttpContext context, PhysicalFileProvider files, IHostApplicationLifetime lifetime)
    {
        var file = files.GetFileInfo(SitePaths.DirectMp4);
        await SendStartAsync(context, file, StallSentBytes);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(
            context.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // The client gave up or the site is stopping: both are the expected end of a stall.
        }

        context.Abort();
    }

    private static async Task TruncateAsync(
        HttpContext context, PhysicalFileProvider files, IHostApplicationLifetime lifetime)
    {
        var file = files.GetFileInfo(SitePaths.DirectMp4);
        await SendStartAsync(context, file, TruncatedSentBytes);

        // HttpContext.Abort resets the connection, and a reset makes the client's kernel drop
        // whatever it has not read yet, so the client would see fewer bytes than sent and an
        // ECONNRESET instead of an early end. Give Kestrel's send loop a moment to hand the bytes
        // to the kernel, then half-close the socket: the client reads them all and then an EOF.
        // Once it closes its side (RequestAborted), drop the connection.
        var socket = context.Features.Get<IConnectionSocketFeature>()?.Socket;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(
            context.RequestAborted, lifetime.ApplicationStopping);
        stop.CancelAfter(_clientCloseWait);
        try
        {
            await Task.Delay(_sendLoopGrace, stop.Token);
            if (socket is not null)
            {
                socket.Shutdown(SocketShutdown.Send);
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // The client closed its side, the site is stopping, or the wait is over.
        }

        context.Abort();
    }

    private static async Task SendStartAsync(HttpContext context, IFileInfo file, long count)
    {
        context.Response.ContentType = "video/mp4";
        context.Response.ContentLength = file.Length;

        var buffer = new byte[count];
        await using (var stream = file.CreateReadStream())
        {
            await stream.ReadExactlyAsync(buffer, context.RequestAborted);
        }

        await context.Response.Body.WriteAsync(buffer, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}
