package input

// For the tests of package input_test.
