using FunctionsDownloader.Playlists;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsDownloader.Functions.Playlists;

/// <summary>The playlist and channel routes: one-line wrappers over <see cref="PlaylistHandlers"/>.</summary>
public sealed class PlaylistFunctions(PlaylistHandlers handlers)
{
    [Function(nameof(PreviewPlaylist))]
    public Task<IResult> PreviewPlaylist(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/playlist/preview")] HttpRequest request) =>
        handlers.PreviewPlaylistAsync(request);

    [Function(nameof(DownloadPlaylist))]
    public Task<IResult> DownloadPlaylist(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/playlist/download")] HttpRequest request,
        [DurableClient] DurableTaskClient client) => handlers.DownloadPlaylistAsync(request, client);

    [Function(nameof(PreviewChannel))]
    public Task<IResult> PreviewChannel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/channel/preview")] HttpRequest request) =>
        handlers.PreviewChannelAsync(request);

    [Function(nameof(DownloadChannel))]
    public Task<IResult> DownloadChannel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/channel/download")] HttpRequest request,
        [DurableClient] DurableTaskClient client) => handlers.DownloadChannelAsync(request, client);
}
