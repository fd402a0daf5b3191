using Stance;
using Stance.Cli;

// Most commands load a model: let its one-time preparation overlap parsing the command line.
StanceClassifier.PrepareLoading();
return await StanceCli.RunProcessAsync(args);
