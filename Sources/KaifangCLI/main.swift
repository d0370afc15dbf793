import KaifangKit

// argument-parser exits 64 on misuse; the portal contract says 2.
await Kaifang.mainWithContractExitCodes()
