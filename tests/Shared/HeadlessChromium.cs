using OpenQA.Selenium.Chrome;

namespace Stance.Testing;

/// <summary>
/// Debian's chromium and chromium-driver (`apt-get install -y chromium chromium-driver`), driven by
/// Selenium through the system chromedriver, never Selenium Manager, so nothing is downloaded.
/// Shared by the browser tests of the test projects (linked into each).
/// </summary>
internal static class HeadlessChromium
{
    public const string Browser = "/usr/bin/chromium";
    public const string Driver = "/usr/bin/chromedriver";

    /// <summary>Why a browser test cannot run here, or null when the browser and its driver are installed.</summary>
    public static string? Missing =>
        File.Exists(Browser) && File.Exists(Driver)
            ? null
            : $"headless Chromium is not installed ({Browser} and {Driver}; apt-get install -y chromium chromium-driver)";

    /// <summary>
    /// Starts headless Chromium with a fresh profile in <paramref name="profile"/>. The flags keep it
    /// off the network (this machine's network is closed: background connections would be refused
    /// many at a time) and working as root in a container.
    /// </summary>
    public static ChromeDriver Start(string profile, params string[] more)
    {
        var options = new ChromeOptions { BinaryLocation = Browser };
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", $"--user-data-dir={profile}");
        options.AddArguments(more);
        ChromeDriverService service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver)!, Path.GetFileName(Driver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }
}
