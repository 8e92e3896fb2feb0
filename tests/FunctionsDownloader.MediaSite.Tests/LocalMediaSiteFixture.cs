namespace FunctionsDownloader.MediaSite.Tests;

/// <summary>One local media site for the test class; its media is cached across runs.</summary>
public sealed class LocalMediaSiteFixture : IAsyncLifetime
{
    private LocalMediaSite? _site;

    public LocalMediaSite Site =>
        _site ?? throw new InvalidOperationException("The local media site has not started.");

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        _site = await LocalMediaSite.StartAsync(cancellationToken: timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_site is not null)
        {
            await _site.DisposeAsync();
        }
    }
}
