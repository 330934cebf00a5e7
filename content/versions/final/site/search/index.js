visieSearch.load("index",{"chunks":["0","liga","zelfstand"],"sections":55,"stemmer":"dutch","version":1});
