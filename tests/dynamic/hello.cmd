args=one "two words" three
