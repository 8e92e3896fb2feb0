using FunctionsDownloader.Downloads;
using FunctionsDownloader.Playlists;

namespace FunctionsDownloader.Batches;

/// <summary>A validated request for a batch: every URL checked, every option and bound in range.</summary>
/// <param name="Kind">See <see cref="BatchKind"/>.</param>
/// <param name="SourceUrl">The playlist or channel URL; <c>null</c> for a batch of URLs.</param>
/// <param name="Urls">The URLs of a batch of URLs, in order; empty for a playlist or channel.</param>
/// <param name="Options">The download options every job shares.</param>
/// <param name="CallbackUrl">Where the finished batch is posted, or <c>null</c>.</param>
/// <param name="ConcurrentLimit">Items downloading at once.</param>
/// <param name="Selection">Which entries of a playlist or channel to take.</param>
/// <param name="Archive">The archive asked for, or <c>null</c>.</param>
public sealed record BatchSpec(
    string Kind,
    Uri? SourceUrl,
    IReadOnlyList<Uri> Urls,
    DownloadOptions Options,
    Uri? CallbackUrl,
    int ConcurrentLimit,
    PlaylistSelection? Selection,
    string? Archive);
