package input

// For the tests of package input_test.

// OFDWord is ofdWord, for building OFD packages from the words of a real layout.
type OFDWord = ofdWord

// OFDFromWords is ofdFromWords.
var OFDFromWords = ofdFromWords
