using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using FunctionsDownloader.Security;
using Microsoft.Extensions.DependencyInjection;
using FunctionsDownloader.Testing;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Security;

/// <summary>What yt-dlp reaches after the submit-time check is checked again, connection by connection.</summary>
[Collection(ServiceGroup.Name)]
public sealed class EgressProxyTests(ServiceFixture service)
{
    [Fact(Timeout = 120_000)]
    public async Task A_public_page_that_redirects_to_a_private_address_is_not_followed()
    {
        // Arrange: a listener on loopback (blocked for the service) counts connections.
        using var listener = new TcpListener(IPAddress.Loopback, AzuriteServer.FreePort());
        listener.Start();
        int connections = 0;
        _ = Task.Run(async () =>
        {
            while (true)
            {
                using TcpClient client = await listener.AcceptTcpClientAsync();
                Interlocked.Increment(ref connections);
            }
        });
        var target = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/metadata.mp4");

        // Act
        string requestId = await service.CreateDownloadAsync(service.Site.RedirectTo(target));
        JsonElement job = await service.WaitForFinishAsync(requestId);

        // Assert
        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Equal("blocked_address", job.GetProperty("error_code").GetString());
        Assert.Equal(0, Volatile.Read(ref connections));
    }

    [Theory(Timeout = 60_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_tunnel_opens_to_an_allowed_address_and_is_refused_to_a_blocked_one(bool allowed)
    {
        // Arrange
        EgressProxy proxy = service.Host.App.Services.GetRequiredService<EgressProxy>();
        string target = allowed ? $"{service.Site.BaseUri.Host}:{service.Site.BaseUri.Port}" : "169.254.169.254:443";
        using var client = new TcpClient();
        await client.ConnectAsync(proxy.Address.Host, proxy.Address.Port);
        NetworkStream stream = client.GetStream();

        // Act
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n\r\n"));
        string answer = await ReadHeadAsync(stream);
        string? inner = null;
        if (allowed)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"HEAD /media/direct.mp4 HTTP/1.1\r\nHost: {target}\r\nConnection: close\r\n\r\n"));
            inner = await ReadHeadAsync(stream);
        }

        // Assert
        if (allowed)
        {
            Assert.StartsWith("HTTP/1.1 200", answer, StringComparison.Ordinal);
            Assert.StartsWith("HTTP/1.1 200", inner, StringComparison.Ordinal);
        }
        else
        {
            Assert.StartsWith("HTTP/1.1 403", answer, StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task A_redirect_to_an_allowed_address_is_followed()
    {
        // Act: the site's own redirect stays on its (allowed) address.
        string requestId = await service.CreateDownloadAsync(service.Site.Redirect);
        JsonElement job = await service.WaitForFinishAsync(requestId);

        // Assert
        Assert.Equal("completed", job.GetProperty("status").GetString());
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        byte[] one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one) == 1)
        {
            head.Append((char)one[0]);
        }

        return head.ToString();
    }
}
