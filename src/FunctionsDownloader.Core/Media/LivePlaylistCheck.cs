using System.Text;
using FunctionsDownloader.Webhooks;
using Microsoft.Extensions.Logging;

namespace FunctionsDownloader.Media;

/// <summary>
/// Tells a live HLS stream from a finished one when the site does not say: a playlist without
/// <c>#EXT-X-ENDLIST</c> (and not typed VOD) keeps growing, and downloading it would capture a few
/// seconds or never end. The playlist is fetched through the SSRF-safe client.
/// </summary>
public sealed class LivePlaylistCheck(WebhookClient http, ILogger<LivePlaylistCheck> logger)
{
    private const int MaxPlaylistBytes = 1024 * 1024;

    /// <summary>Whether any of <paramref name="playlists"/> is endless; <c>false</c> when it cannot be told.</summary>
    public async Task<bool> AnyEndlessAsync(IReadOnlyList<Uri> playlists, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(playlists);

        foreach (Uri playlist in playlists)
        {
            string? text = await FetchAsync(playlist, cancellationToken);
            if (text is not null && text.Contains("#EXTINF", StringComparison.Ordinal) &&
                !text.Contains("#EXT-X-ENDLIST", StringComparison.Ordinal) &&
                !text.Contains("#EXT-X-PLAYLIST-TYPE:VOD", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private async Task<string?> FetchAsync(Uri playlist, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(15));
            using var request = new HttpRequestMessage(HttpMethod.Get, playlist);
            using HttpResponseMessage response = await http.SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            await using Stream body = await response.Content.ReadAsStreamAsync(timeout.Token);
            byte[] buffer = new byte[MaxPlaylistBytes];
            int total = 0;
            int read;
            while (total < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(total), timeout.Token)) > 0)
            {
                total += read;
            }

            return Encoding.UTF8.GetString(buffer, 0, total);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException ||
            WebhookClient.IsBlocked(e))
        {
            // Not being able to tell is no reason to fail; the download itself will show.
            logger.LogWarning("Could not read an HLS playlist to tell whether it is live: {Error}", e.GetType().Name);
            return null;
        }
    }
}
