using FunctionsDownloader.Standalone;

await using StandaloneApp app = await StandaloneApp.StartAsync(args);
app.App.Logger.LogInformation("FunctionsDownloader (Standalone) listening on {Urls}", string.Join(", ", app.App.Urls));
await app.WaitForShutdownAsync();
