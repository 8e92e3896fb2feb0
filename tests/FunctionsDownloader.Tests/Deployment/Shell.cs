using CliWrap;
using CliWrap.Buffered;
using FunctionsDownloader.Testing;

namespace FunctionsDownloader.Tests.Deployment;

/// <summary>Runs the repository's scripts and tools the way a person would, capturing their output.</summary>
internal static class Shell
{
    public static async Task<BufferedCommandResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(5));
        return await Cli.Wrap(program)
            .WithArguments(arguments)
            .WithWorkingDirectory(RepositoryPaths.Root)
            .WithEnvironmentVariables(environment ?? new Dictionary<string, string?>())
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cancel.Token);
    }

    /// <summary>Runs a bash script of the repository and fails the test when it fails.</summary>
    public static async Task<string> RunScriptAsync(params string[] arguments)
    {
        BufferedCommandResult result = await RunAsync("bash", arguments);
        Assert.True(
            result.ExitCode == 0,
            $"bash {string.Join(' ', arguments)} exited with {result.ExitCode}:\n{result.StandardError}");
        return result.StandardOutput.Trim();
    }
}
