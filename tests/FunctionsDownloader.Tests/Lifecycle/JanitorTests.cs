using System.Diagnostics;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Lifecycle;

/// <summary>What a crash leaves in the work root is cleared at the next start.</summary>
[Collection(ServiceGroup.Name)]
public sealed class JanitorTests(ServiceFixture service)
{
    [Fact(Timeout = 120_000)]
    public async Task Leftover_directories_and_orphaned_tools_are_removed_at_start()
    {
        // Arrange: directories of an unknown job and of a finished one, a running job's directory,
        // and an orphaned "tool" (re-parented to PID 1) working in the root.
        string root = Path.Combine(service.WorkRoot, "janitor");
        string finishedId = await service.CreateDownloadAsync(service.Site.DirectMp4);
        await service.WaitForFinishAsync(finishedId);
        string runningId = await service.CreateDownloadAsync(service.Site.SlowMp4);
        string unknownId = Guid.NewGuid().ToString("N");
        string[] leftovers = [Path.Combine(root, unknownId), Path.Combine(root, finishedId), Path.Combine(root, unknownId + "-resolve")];
        foreach (string directory in leftovers.Append(Path.Combine(root, runningId)))
        {
            Directory.CreateDirectory(directory);
            await File.WriteAllTextAsync(Path.Combine(directory, "media.mp4.part"), "partial");
        }

        string marker = Path.Combine(root, unknownId, "media.%(ext)s");
        using (Process orphan = Process.Start("setsid", ["--fork", "bash", "-c", $"exec -a 'yt-dlp -o {marker}' sleep 300"]))
        {
            await orphan.WaitForExitAsync();
        }

        await WaitForAsync(() => ProcessTable.CommandLinesContaining(marker).Count == 1);

        // Act
        await using ExtraHost host = await ExtraHost.StartAsync(service, "janitor");

        // Assert
        Assert.Empty(await ProcessTable.WaitUntilNoneAsync(marker, TimeSpan.FromSeconds(5)));
        Assert.All(leftovers, d => Assert.False(Directory.Exists(d), $"{d} is still there"));
        Assert.True(Directory.Exists(Path.Combine(root, runningId)), "a running job's directory was removed");

        using HttpResponseMessage cancel = await service.Http.DeleteAsync($"/api/v1/download/{runningId}");
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (int i = 0; i < 50 && !condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(condition(), "the condition was not met in time");
    }
}
