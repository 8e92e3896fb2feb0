using System.Globalization;
using System.Text;
using Microsoft.Extensions.FileProviders;

namespace FunctionsDownloader.MediaSite.Serving;

/// <summary>
/// Inputs after which yt-dlp exits 0 but leaves something that is not the media: an HTML page
/// served as <c>video/mp4</c>, the direct mp4 cut short without a Content-Length (so no client can
/// tell), an endless HLS playlist that never ends (a live stream), every file from a server without
/// range support; plus an open redirect.
/// </summary>
internal static class OutputFaultEndpoints
{
    /// <summary>The share of the direct mp4 the unsized response sends.</summary>
    public const double UnsizedShare = 0.6;

    private const int LiveSegmentSeconds = 2;
    private const int LiveWindow = 3;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        DateTimeOffset started = DateTimeOffset.UtcNow;
        endpoints.MapGet("/" + SitePaths.HtmlAsMp4, HtmlAsMp4);
        endpoints.MapGet("/" + SitePaths.Unsized, UnsizedAsync);
        endpoints.MapGet("/" + SitePaths.LivePlaylist, (PhysicalFileProvider files) => LivePlaylist(files, started));

        // Every file again, but as a server without range support: the whole body, always 200.
        endpoints.MapGet("/" + SitePaths.NoRangePrefix + "{**path}", NoRangeAsync);

        // An open redirect, as the public pages an attacker controls would be: 302 to ?target=.
        endpoints.MapGet("/" + SitePaths.RedirectTo, (string target) => Results.Redirect(target));
    }

    private static IResult HtmlAsMp4() =>
        Results.Text(
            "<!DOCTYPE html><html><head><title>Not a video</title></head><body><p>Sign in to watch.</p></body></html>",
            "video/mp4",
            Encoding.UTF8);

    private static async Task UnsizedAsync(HttpContext context, PhysicalFileProvider files)
    {
        IFileInfo file = files.GetFileInfo(SitePaths.DirectMp4);
        long length = (long)(file.Length * UnsizedShare);
        context.Response.ContentType = "video/mp4";

        // No Content-Length: Kestrel sends the body chunked and ends it cleanly, short of the file.
        await using Stream source = file.CreateReadStream();
        byte[] buffer = new byte[16 * 1024];
        long sent = 0;
        while (sent < length)
        {
            int read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length - sent)), context.RequestAborted);
            if (read == 0)
            {
                break;
            }

            await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
            sent += read;
        }
    }

    private static async Task NoRangeAsync(HttpContext context, PhysicalFileProvider files, string path)
    {
        IFileInfo file = files.GetFileInfo(path);
        if (!file.Exists || file.IsDirectory)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = path.EndsWith(".mp4", StringComparison.Ordinal) ? "video/mp4" : "application/octet-stream";
        context.Response.ContentLength = file.Length;
        await using Stream source = file.CreateReadStream();
        await source.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    /// <summary>A sliding window over the first variant's segments, with no end: what a live stream serves.</summary>
    private static IResult LivePlaylist(PhysicalFileProvider files, DateTimeOffset started)
    {
        string[] segments = VariantSegments(files);
        long sequence = (long)((DateTimeOffset.UtcNow - started).TotalSeconds / LiveSegmentSeconds);
        var playlist = new StringBuilder()
            .Append("#EXTM3U\n#EXT-X-VERSION:3\n")
            .Append(CultureInfo.InvariantCulture, $"#EXT-X-TARGETDURATION:{LiveSegmentSeconds}\n")
            .Append(CultureInfo.InvariantCulture, $"#EXT-X-MEDIA-SEQUENCE:{sequence}\n");
        for (long i = sequence; i < sequence + LiveWindow; i++)
        {
            playlist.Append(CultureInfo.InvariantCulture, $"#EXTINF:{LiveSegmentSeconds}.000,\n");
            playlist.Append('/').Append(segments[i % segments.Length]).Append('\n');
        }

        return Results.Text(playlist.ToString(), "application/vnd.apple.mpegurl");
    }

    private static string[] VariantSegments(PhysicalFileProvider files)
    {
        string masterPath = SitePaths.HlsMaster;
        string directory = Path.GetDirectoryName(masterPath)!.Replace('\\', '/');
        string master = File.ReadAllText(files.GetFileInfo(masterPath).PhysicalPath!);
        string variant = master.Split('\n').Select(l => l.Trim()).First(l => l.EndsWith(".m3u8", StringComparison.Ordinal) && !l.StartsWith('#'));
        string media = File.ReadAllText(files.GetFileInfo($"{directory}/{variant}").PhysicalPath!);
        return
        [
            .. media.Split('\n').Select(l => l.Trim())
                .Where(l => l.Length > 0 && !l.StartsWith('#'))
                .Select(segment => $"{directory}/{segment}"),
        ];
    }
}
