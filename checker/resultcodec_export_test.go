package checker

// ResultDecoderNames returns how many names a ResultDecoder keeps, for the tests.
func ResultDecoderNames(rd *ResultDecoder) int { return len(rd.names) }
