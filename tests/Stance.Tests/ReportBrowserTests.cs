using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using Stance.Testing;
using Stance.Tests.Support;

namespace Stance.Tests;

/// <summary>A fact that needs the system's Chromium and its driver; skipped, with the reason, where they are absent.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        Skip = HeadlessChromium.Missing;
    }
}

/// <summary>The report opened in a real browser (headless Chromium, from file://, offline): its charts and tables render and its filters work.</summary>
public sealed class ReportBrowserTests : IDisposable
{
    private const string Statements = """
        speaker,role,text,stance,stance_confidence,sentiment,date,article,outlet
        Ana Lund,envoy,Talks are the way,pro-engagement,0.9,positive,2026-01-05,a.txt,The Ledger
        Ana Lund,,Keep the channel open,pro-engagement,0.7,neutral,2026-01-20,a.txt,The Ledger
        Ana Lund,special envoy,Sanctions must bite now,pro-pressure,0.8,negative,2026-03-02,b.txt,The Sentinel
        Colin Ashby,Senator,No relief before dismantlement,pro-pressure,0.6,negative,2026-01-07,a.txt,The Ledger
        Colin Ashby,Senator,They will never give it up,skeptical,0.5,negative,2026-02-11,c.txt,
        """;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [ChromiumFact]
    public void The_report_renders_its_charts_and_tables_and_filters_the_statements()
    {
        string csv = _directory.Write("statements.csv", Statements);
        string report = _directory.File("report.html");
        Assert.Equal(0, CommandLine.Run(_directory.Path, "report", csv, "--out", report, "--period", "month", "--quiet").ExitCode);

        using ChromeDriver browser = HeadlessChromium.Start(_directory.File("chromium-profile"));
        browser.Navigate().GoToUrl(new Uri(report).AbsoluteUri);

        Assert.Equal("Stance report", browser.Title);
        IWebElement chart = browser.FindElement(By.Id("chart-time"));
        Assert.True(chart.Size.Width > 100 && chart.Size.Height > 100, $"the time chart is {chart.Size}");
        Assert.Equal(3, chart.FindElements(By.CssSelector("g.bar")).Count);
        Assert.All(chart.FindElements(By.CssSelector("rect.seg")), r => Assert.True(r.Size.Height > 0 && r.Size.Width > 0));
        Assert.True(browser.FindElement(By.Id("chart-outlets")).FindElements(By.CssSelector("rect.seg")).Count >= 3);
        Assert.Equal(2, browser.FindElements(By.CssSelector("#speakers-table tbody tr")).Count);
        Assert.Equal(2, browser.FindElements(By.CssSelector("#changes-table tbody tr")).Count);
        Assert.Equal("5 of 5 statements", browser.FindElement(By.Id("shown")).Text);

        Choose(browser, "f-stance", "pro-pressure");
        Assert.Equal("2 of 5 statements", browser.FindElement(By.Id("shown")).Text);
        Assert.Equal(2, browser.FindElements(By.CssSelector("#statements-table tbody tr")).Count(r => r.Displayed));

        Choose(browser, "f-stance", string.Empty);
        Choose(browser, "f-speaker", "Ana Lund");
        Choose(browser, "f-from", "2026-01-10");
        Assert.Equal("2 of 5 statements", browser.FindElement(By.Id("shown")).Text);
    }

    private static void Choose(ChromeDriver browser, string id, string value) =>
        browser.ExecuteScript("var e=document.getElementById(arguments[0]);e.value=arguments[1];e.dispatchEvent(new Event('change'));", id, value);
}
